package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.robust.Sgld;
import org.samdp.agents.rollout.SplitMix64;

/**
 * The critic-based attack (Algorithm 6.9, after Pattanaik et al. 2018): K steps of projected sign-gradient descent
 * on the critic's value, {@code ŝ_k = clip(ŝ_{k−1} − η·sign(∇ critic(s₀, ŝ_{k−1})))}, from {@code ŝ_0 = s₀}.
 */
public final class CriticAttack implements Attack {
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
  public NDArray perturb(Policy policy, NDArray states, ThreatModel threat) {
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    double eta = stepSize == null ? threat.eps() / steps : stepSize;
    NDArray original = states.stopGradient();
    // Without noise (temperature 0) SGLD is the projected sign-gradient step of the algorithm; the generator is unused.
    return Sgld.maximize(candidates -> critic.value(original, candidates).neg(), states, threat.lower(states),
        threat.upper(states), eta, steps, 0, new SplitMix64(0));
  }
}
