package org.samdp.agents.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.policy.Policy;

/**
 * Clean evaluation: a policy acting deterministically (or stochastically) for a number of whole episodes on one env,
 * its normaliser untouched. Episodes are seeded from {@code seed} as in {@link EnvRunner}.
 */
public final class PolicyEvaluation {
  private PolicyEvaluation() {}

  /**
   * Returns and lengths of the episodes, in order.
   *
   * @param deterministic act by the distribution's mode (mean or arg-max) rather than by sampling
   */
  public static List<Episode> run(Policy policy, String envId, int episodes, long seed, boolean deterministic,
      NDManager manager) {
    if (episodes <= 0) {
      throw new IllegalArgumentException("number of evaluation episodes must be positive, got " + episodes);
    }
    List<Episode> finished = new ArrayList<>();
    SplitMix64 random = new SplitMix64(SplitMix64.hash(seed, 17));
    try (EnvRunner runner = EnvRunner.make(envId, 1, seed)) {
      while (finished.size() < episodes) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray s = policy.normalize(scope, runner.observations());
          NDArray action = deterministic ? policy.actDeterministic(s) : policy.actStochastic(s, random);
          float[] values = action.toType(DataType.FLOAT32, false).toFloatArray();
          double[] row = new double[values.length];
          for (int i = 0; i < values.length; i++) {
            row[i] = values[i];
          }
          finished.addAll(runner.step(new double[][] {row}).finished());
        }
      }
    }
    return finished;
  }

  /** Mean of the episodes' returns. */
  public static double meanReturn(List<Episode> episodes) {
    return episodes.stream().mapToDouble(Episode::episodicReturn).average().orElse(Double.NaN);
  }

  /** Sample standard deviation of the episodes' returns (0 for one episode). */
  public static double stdReturn(List<Episode> episodes) {
    double mean = meanReturn(episodes);
    double squares = episodes.stream().mapToDouble(e -> (e.episodicReturn() - mean) * (e.episodicReturn() - mean))
        .sum();
    return episodes.size() > 1 ? Math.sqrt(squares / (episodes.size() - 1)) : 0;
  }
}
