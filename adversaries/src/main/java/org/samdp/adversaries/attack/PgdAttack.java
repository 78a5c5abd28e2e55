package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.robust.ActionMargin;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.network.Network;

/**
 * The untargeted PGD attack on a Q network (eq. 6.15): K steps of projected sign-gradient ascent on the cross-entropy
 * {@code H(Q(ŝ, ·), a*)} between the Q values taken as logits and the greedy action {@code a* = argmax_a Q(s, a)} at
 * the true observation, from {@code ŝ_0 = s}, with η = ε/K.
 */
public final class PgdAttack implements ObservationAdversary {
  private final int steps;
  private final Double stepSize;

  /**
   * @param steps K (10, or 50 for the strongest agents)
   * @param stepSize η, or null for ε/K
   */
  public PgdAttack(int steps, Double stepSize) {
    this.steps = AttackConfig.requireSteps("pgd", steps, stepSize);
    this.stepSize = stepSize;
  }

  /**
   * @throws IllegalArgumentException for a policy that is not a Q network, or a stateful one
   */
  @Override
  public NDArray perturb(Policy policy, PolicyState state, NDArray states, ThreatModel threat) {
    if (policy.kind() != PolicyKind.Q_VALUES) {
      throw new IllegalArgumentException("the PGD attack targets Q networks (DQN); this policy is "
          + policy.kind().describe());
    }
    Attacks.requireStateless("pgd", policy);
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    Network q = policy.detached().network();
    NDArray greedy = q.forward(states.stopGradient()).argMax(1);
    return new ProjectedGradient(steps, stepSize, false, 0)
        .maximize(candidates -> ActionMargin.crossEntropy(q.forward(candidates), greedy), states, threat, null);
  }
}
