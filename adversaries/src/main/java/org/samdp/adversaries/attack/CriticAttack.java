package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.CarriedState;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;

/**
 * The critic-based attack (Algorithm 6.9, after Pattanaik et al. 2018): K steps of projected sign-gradient descent
 * on the critic's value, {@code ŝ_k = clip(ŝ_{k−1} − η·sign(∇ critic(s₀, ŝ_{k−1})))}, from {@code ŝ_0 = s₀}. A recurrent
 * critic is queried with its history paused, and then reads the ŝ the agent is shown.
 */
public final class CriticAttack implements ObservationAdversary {
  private final Critic critic;
  private final int steps;
  private final Double stepSize;
  /** A recurrent critic's state along the running episodes, or null. */
  private final CarriedState criticState;

  /**
   * @param steps K (the papers use 10)
   * @param stepSize η, or null for ε/K
   */
  public CriticAttack(Critic critic, int steps, Double stepSize) {
    this.critic = critic;
    this.steps = AttackConfig.requireSteps("critic", steps, stepSize);
    this.stepSize = stepSize;
    this.criticState = critic.isStateful() ? new CarriedState(critic::initialState) : null;
  }

  @Override
  public void onEpisodeStart(boolean[] started) {
    if (criticState != null) {
      criticState.restart(started);
    }
  }

  @Override
  public void onRowsKept(int[] rows) {
    if (criticState != null) {
      criticState.keepRows(rows);
    }
  }

  @Override
  public NDArray perturb(Policy policy, PolicyState state, NDArray states, ThreatModel threat) {
    NDArray original = states.stopGradient();
    PolicyState history = criticState == null ? PolicyState.NONE : criticState.current();
    NDArray seen = threat.eps() == 0 ? states.duplicate() : new ProjectedGradient(steps, stepSize, false, 0)
        .maximize(candidates -> critic.value(original, candidates, history).neg(), states, threat, null);
    if (criticState != null) {
      criticState.advance(critic.advance(seen, history));
    }
    return seen;
  }
}
