package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;

/**
 * The critic-based attack (Algorithm 6.9, after Pattanaik et al. 2018): K steps of projected sign-gradient descent
 * on the critic's value, {@code ŝ_k = clip(ŝ_{k−1} − η·sign(∇ critic(s₀, ŝ_{k−1})))}, from {@code ŝ_0 = s₀}.
 */
public final class CriticAttack implements ObservationAdversary {
  private final Critic critic;
  private final int steps;
  private final Double stepSize;

  /**
   * @param steps K (the papers use 10)
   * @param stepSize η, or null for ε/K
   */
  public CriticAttack(Critic critic, int steps, Double stepSize) {
    this.critic = critic;
    this.steps = AttackConfig.requireSteps("critic", steps, stepSize);
    this.stepSize = stepSize;
  }

  @Override
  public NDArray perturb(Policy policy, PolicyState state, NDArray states, ThreatModel threat) {
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    NDArray original = states.stopGradient();
    return new ProjectedGradient(steps, stepSize, false, 0)
        .maximize(candidates -> critic.value(original, candidates).neg(), states, threat, null);
  }
}
