package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.stream.IntStream;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.robust.PolicyKlBound;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;
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
 *   <li>Deterministic actors (DDPG): the action-change bounds of the action.
 * </ul>
 *
 * <p>With several bound methods, each certificate takes the best of them: an action is certified when any method
 * certifies it, and output bounds are the intersection of every method's (all are sound, so their intersection is).
 * The papers use CROWN for vanilla agents and IBP for SA agents; IBP and CROWN together cover both. List the cheaper
 * method first: later methods only see the states that earlier ones left uncertified.
 */
public final class Certifier {
  private final Policy policy;
  private final BoundedNetwork bounded;
  private final List<BoundMethod> methods;
  private final double maxRadius;
  private final double radiusTolerance;

  /**
   * @param methods the bound methods, at least one
   * @param maxRadius the largest ε the certified radius search tries; 0 skips the search (it needs a discrete action)
   * @param radiusTolerance how close the radius search gets, {@code > 0}
   */
  public Certifier(Policy policy, List<BoundMethod> methods, double maxRadius, double radiusTolerance) {
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("a certifier needs at least one bound method");
    }
    if (!(maxRadius >= 0) || (maxRadius > 0 && !(radiusTolerance > 0))) {
      throw new IllegalArgumentException("certified radius search needs maxRadius >= 0 and a positive tolerance, got "
          + maxRadius + " and " + radiusTolerance);
    }
    this.policy = policy.detached();
    this.bounded = new BoundedNetwork(this.policy.network());
    this.methods = List.copyOf(methods);
    this.maxRadius = policy.kind().isDiscrete() ? maxRadius : 0;
    this.radiusTolerance = radiusTolerance;
  }

  /** The largest radius the certified radius search tries (0: no search). */
  public double maxRadius() {
    return maxRadius;
  }

  /** The certificates at {@code states} {@code [B, ...shape]} over B(s) of {@code threat}. */
  public Certificates certify(NDArray states, ThreatModel threat) {
    boolean[] certified = null;
    double[] klBound = null;
    ActionChangeBound change = null;
    double[] radius = null;
    if (policy.kind().isDiscrete()) {
      certified = certifiedByAnyMethod(states, threat);
      if (maxRadius > 0) {
        radius = new double[certified.length];
        for (BoundMethod method : methods) {
          double[] byMethod = CertifiedRadius.search(bounded, states, Norm.INF, maxRadius, radiusTolerance, method);
          for (int b = 0; b < radius.length; b++) {
            radius[b] = Math.max(radius[b], byMethod[b]);
          }
        }
      }
    }
    PolicyKind kind = policy.kind();
    if (kind.isStochastic() || kind == PolicyKind.DETERMINISTIC) {
      Bounds bounds = null;
      for (BoundMethod method : methods) {
        Bounds byMethod = bounded.compute(threat.ball(states), method);
        bounds = bounds == null ? byMethod : new Bounds(bounds.lower().maximum(byMethod.lower()),
            bounds.upper().minimum(byMethod.upper()));
      }
      ActionDistribution clean = kind.isStochastic() ? policy.distribution(states) : null;
      if (clean != null) {
        // A KL divergence is never negative; the bound's float32 cancellation can fall a hair below 0 at ε ≈ 0.
        klBound = doubles(Scalars.maximum(PolicyKlBound.fromBounds(policy, clean, bounds), 0));
      }
      if (policy instanceof GaussianPolicy) {
        change = ActionChangeBound.fromBounds(((DiagonalGaussian) clean).mean(), bounds);
      } else if (kind == PolicyKind.DETERMINISTIC) {
        change = ActionChangeBound.fromBounds(policy.actDeterministic(states), bounds);
      }
    }
    return change == null
        ? new Certificates(certified, klBound, null, null, null, null, radius)
        : new Certificates(certified, klBound, change.l1(), change.l2(), change.linf(), change.meanRange(), radius);
  }

  /**
   * Each method in turn on the states the earlier ones left uncertified: the same answer as every method on every
   * state, and the states that IBP already certifies never reach the costlier CROWN.
   */
  private boolean[] certifiedByAnyMethod(NDArray states, ThreatModel threat) {
    boolean[] certified = new boolean[Math.toIntExact(states.getShape().get(0))];
    for (BoundMethod method : methods) {
      long[] open = IntStream.range(0, certified.length).filter(b -> !certified[b]).asLongStream().toArray();
      if (open.length == 0) {
        break;
      }
      NDArray subset = open.length == certified.length ? states : states.get(states.getManager().create(open));
      boolean[] byMethod = ActionCertificate.certify(bounded, threat.ball(subset), method).certified();
      for (int k = 0; k < open.length; k++) {
        certified[(int) open[k]] = byMethod[k];
      }
    }
    return certified;
  }

  private static double[] doubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
