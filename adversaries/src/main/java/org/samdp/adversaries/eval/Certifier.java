package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import org.samdp.adversaries.attack.ThreatModel;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.robust.PolicyKlBound;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.certify.ActionChangeBound;
import org.samdp.bounds.certify.CertifiedRadius;
import org.samdp.bounds.perturbation.Norm;

/**
 * Certificates of a policy at a batch of observations (§6.5.1.4), by the bound engine:
 *
 * <ul>
 *   <li>Q networks (DQN): whether the greedy action is certified ({@link ActionCertificate}) and its certified radius.
 *   <li>Categorical policies: the same for the arg-max action, plus the KL bound.
 *   <li>Gaussian policies (PPO): the KL bound and the action-change bounds of the mean action (deterministic
 *       evaluation acts by the mean).
 * </ul>
 */
public final class Certifier {
  private final Policy policy;
  private final BoundedNetwork bounded;
  private final BoundMethod method;
  private final double maxRadius;
  private final double radiusTolerance;

  /**
   * @param method the bound method (the papers use CROWN for vanilla agents and IBP for SA agents)
   * @param maxRadius the largest ε the certified radius search tries; 0 skips the search (it needs a discrete action)
   * @param radiusTolerance how close the radius search gets, {@code > 0}
   */
  public Certifier(Policy policy, BoundMethod method, double maxRadius, double radiusTolerance) {
    if (!(maxRadius >= 0) || (maxRadius > 0 && !(radiusTolerance > 0))) {
      throw new IllegalArgumentException("certified radius search needs maxRadius >= 0 and a positive tolerance, got "
          + maxRadius + " and " + radiusTolerance);
    }
    this.policy = policy.detached();
    this.bounded = new BoundedNetwork(this.policy.network());
    this.method = method;
    this.maxRadius = policy.kind().isDiscrete() ? maxRadius : 0;
    this.radiusTolerance = radiusTolerance;
  }

  /** The largest radius the certified radius search tries (0: no search). */
  public double maxRadius() {
    return maxRadius;
  }

  /** Whether this certifier decides certified actions (discrete policies). */
  public boolean certifiesActions() {
    return policy.kind().isDiscrete();
  }

  /** The certificates at {@code states} {@code [B, ...shape]} over B(s) of {@code threat}. */
  public Certificates certify(NDArray states, ThreatModel threat) {
    boolean[] certified = null;
    double[] klBound = null;
    ActionChangeBound change = null;
    double[] radius = null;
    if (policy.kind().isDiscrete()) {
      certified = ActionCertificate.certify(bounded, threat.ball(states), method).certified();
      if (maxRadius > 0) {
        radius = CertifiedRadius.search(bounded, states, Norm.INF, maxRadius, radiusTolerance, method);
      }
    }
    if (policy.kind().isStochastic()) {
      Bounds bounds = bounded.compute(threat.ball(states), method);
      ActionDistribution clean = policy.distribution(states);
      klBound = doubles(PolicyKlBound.fromBounds(policy, clean, bounds));
      if (policy instanceof GaussianPolicy) {
        change = ActionChangeBound.fromBounds(((DiagonalGaussian) clean).mean(), bounds);
      }
    }
    return change == null
        ? new Certificates(certified, klBound, null, null, null, null, radius)
        : new Certificates(certified, klBound, change.l1(), change.l2(), change.linf(), change.meanRange(), radius);
  }

  private static double[] doubles(NDArray values) {
    return values.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
  }
}
