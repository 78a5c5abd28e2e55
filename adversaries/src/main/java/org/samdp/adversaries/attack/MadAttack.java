package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;

/**
 * The maximal action difference attack (Algorithm 6.11): SGLD on {@code KL(π(·|s₀) || π(·|ŝ))} over B(s₀), which for a
 * Gaussian policy with state-independent σ is the σ-weighted squared distance of the means (eq. 6.16); for a
 * deterministic actor (DDPG), the squared change of its action. The noise lets the first step leave ŝ = s₀, where the
 * gradient of either is zero.
 */
public final class MadAttack implements ObservationAdversary {
  private final int steps;
  private final Double stepSize;
  private final double temperature;
  private final RandomGenerator random;

  /**
   * @param steps K (10)
   * @param stepSize η, or null for ε/K
   * @param temperature SGLD's β (1e-5, as in SA-PPO's SGLD), see {@link ProjectedGradient}
   */
  public MadAttack(int steps, Double stepSize, double temperature, RandomGenerator random) {
    this.steps = AttackConfig.requireSteps("mad", steps, stepSize);
    this.stepSize = stepSize;
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("mad.temperature must be >= 0, got " + temperature);
    }
    this.temperature = temperature;
    this.random = random;
  }

  /**
   * A stateful (recurrent) policy is queried with its history paused: every candidate is read from the victim's
   * state, which the search does not advance (§3.5).
   *
   * @throws IllegalArgumentException for a policy without an action distribution (Q values, a deterministic actor),
   *     or a stateful deterministic actor
   */
  @Override
  public NDArray perturb(Policy policy, PolicyState state, NDArray states, ThreatModel threat) {
    if (!policy.kind().isStochastic() && policy.kind() != PolicyKind.DETERMINISTIC) {
      throw new IllegalArgumentException("the MAD attack needs an action distribution or a deterministic actor; "
          + policy.kind().describe() + " has neither");
    }
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    Policy view = policy.detached();
    ProjectedGradient sgld = new ProjectedGradient(steps, stepSize, false, temperature);
    if (policy.kind() == PolicyKind.DETERMINISTIC) {
      Attacks.requireStateless("mad", policy);
      // A deterministic actor's action difference: the squared change of its action (SA-DDPG's MAD, §6.4.1).
      NDArray clean = view.actDeterministic(states.stopGradient());
      return sgld.maximize(candidates -> view.actDeterministic(candidates).sub(clean).square().sum(new int[] {1}),
          states, threat, random);
    }
    ActionDistribution clean = view.distribution(states.stopGradient(), state);
    return sgld.maximize(candidates -> clean.kl(view.distribution(candidates, state)), states, threat, random);
  }
}
