package org.samdp.agents.adversary;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.CarriedState;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.Scalars;

/**
 * A trained adversary policy ν as an attack (§6.2.3): it observes the true normalized state s and outputs Δ; the
 * agent sees {@code ŝ = s + ε·clamp(Δ, −1, 1)} (each value's step times its radius scale where B(s) has one), projected
 * into B(s) (a no-op for an unmasked, unlimited ℓ∞ ball). The
 * optimal attack acts by the mean of ν (deterministic); ATLA's training adversary samples Δ. A recurrent ν (ATLA's LSTM
 * adversaries, §3.5) reads the history of true states of each episode, from its initial state where one starts.
 */
public final class LearnedAdversary implements ObservationAdversary {
  private final Policy adversary;
  private final boolean deterministic;
  private final RandomGenerator random;
  /** The recurrent adversary's own state along the running episodes, or null for a feed-forward one. */
  private final CarriedState state;

  /**
   * @param adversary a Gaussian policy over flat normalized states with one output per state value
   * @param deterministic act by the mean (the optimal attack) or sample Δ with {@code random} (ATLA's training)
   * @param random the sampling generator, or null when deterministic
   * @throws IllegalArgumentException for another kind of policy
   */
  public LearnedAdversary(Policy adversary, boolean deterministic, RandomGenerator random) {
    if (adversary.kind() != PolicyKind.GAUSSIAN) {
      throw new IllegalArgumentException("a learned adversary is a Gaussian policy over perturbation directions, this"
          + " one is " + adversary.kind().describe());
    }
    if (!deterministic && random == null) {
      throw new IllegalArgumentException("a sampling adversary needs a random generator");
    }
    this.adversary = adversary.detached();
    this.deterministic = deterministic;
    this.random = random;
    this.state = adversary.isStateful() ? new CarriedState(this.adversary::initialState) : null;
  }

  @Override
  public void onEpisodeStart(boolean[] started) {
    if (state != null) {
      state.restart(started);
    }
  }

  @Override
  public void onRowsKept(int[] rows) {
    if (state != null) {
      state.keepRows(rows);
    }
  }

  @Override
  public NDArray perturb(Policy victim, PolicyState victimState, NDArray states, ThreatModel threat) {
    NDArray flat = states.reshape(states.getShape().get(0), -1);
    if (flat.getShape().get(1) != adversary.spec().actionSize()) {
      throw new IllegalArgumentException("the adversary perturbs " + adversary.spec().actionSize() + " values, the"
          + " agent's observations have " + flat.getShape().get(1));
    }
    NDArray delta;
    if (state == null) {
      delta = deterministic ? adversary.actDeterministic(flat) : adversary.distribution(flat).sample(random);
    } else {
      // Episode starts were applied by onEpisodeStart; acting advances the adversary's history.
      Acting acting = adversary.act(flat, state.current(), new boolean[(int) flat.getShape().get(0)], deterministic,
          random);
      state.advance(acting.next());
      delta = acting.actions();
    }
    return perturbed(states, delta.reshape(states.getShape()), threat);
  }

  /**
   * {@code ŝ = s + ε·clamp(Δ, −1, 1)} moved into B(s), without gradient history: the adversary's action applied (the
   * log-probability PPO trains on is that of the raw Δ).
   */
  static NDArray perturbed(NDArray states, NDArray delta, ThreatModel threat) {
    NDArray step = threat.stretch(Scalars.mul(delta.clip(-1f, 1f), threat.eps()));
    return threat.project(states.add(step), states).stopGradient();
  }
}
