package org.samdp.agents.ppo;

/**
 * Generalized advantage estimation (Schulman et al. 2016): {@code δ_t = r_t + γ·V(s_{t+1})·(1 − end_t) − V(s_t)},
 * {@code A_t = δ_t + γλ·(1 − end_t)·A_{t+1}}, and the value targets {@code A_t + V(s_t)}. Arrays are time-major,
 * {@code [t * numEnvs + env]}.
 */
public final class Gae {
  private Gae() {}

  /**
   * Advantages of a rollout.
   *
   * @param rewards {@code r_t} per step and env
   * @param values {@code V(s_t)} per step and env
   * @param episodeEnded whether the episode ended at step t (after a time limit the reward already holds the
   *     bootstrap)
   * @param nextValues {@code V} of the observation after the last step, per env
   */
  public static double[] advantages(double[] rewards, double[] values, boolean[] episodeEnded, double[] nextValues,
      double gamma, double lambda) {
    int numEnvs = nextValues.length;
    int steps = rewards.length / numEnvs;
    if (rewards.length != steps * numEnvs || values.length != rewards.length
        || episodeEnded.length != rewards.length) {
      throw new IllegalArgumentException("rewards, values and episode ends need " + steps + " x " + numEnvs
          + " entries, got " + rewards.length + ", " + values.length + ", " + episodeEnded.length);
    }
    double[] advantages = new double[rewards.length];
    for (int env = 0; env < numEnvs; env++) {
      double next = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int i = t * numEnvs + env;
        double continues = episodeEnded[i] ? 0 : 1;
        double nextValue = t == steps - 1 ? nextValues[env] : values[i + numEnvs];
        double delta = rewards[i] + gamma * nextValue * continues - values[i];
        next = delta + gamma * lambda * continues * next;
        advantages[i] = next;
      }
    }
    return advantages;
  }

  /** The value targets {@code A_t + V(s_t)}. */
  public static double[] returns(double[] advantages, double[] values) {
    double[] returns = new double[advantages.length];
    for (int i = 0; i < returns.length; i++) {
      returns[i] = advantages[i] + values[i];
    }
    return returns;
  }
}
