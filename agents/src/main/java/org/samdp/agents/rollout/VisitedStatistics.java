package org.samdp.agents.rollout;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.samdp.agents.policy.Policy;

/**
 * Per-dimension mean and standard deviation of the raw states a policy visits, and of the actions it takes, over
 * whole deterministic episodes: the scale in which the SA-DDPG authors state ε ("standard deviations computed from data
 * collected by the vanilla DDPG policy without attack", their evaluation script's state statistics: population std
 * over every step of the episodes).
 *
 * @param env the environment id
 * @param checkpoint the checkpoint whose policy acted
 * @param episodes how many episodes
 * @param seed seed of the episodes
 * @param steps how many states (and actions) the statistics cover
 * @param meanReturn the episodes' mean return, to tell a good policy from a failed one
 * @param stateMean per observation dimension
 * @param stateStd per observation dimension
 * @param actionMean per action dimension
 * @param actionStd per action dimension
 */
public record VisitedStatistics(String env, String checkpoint, int episodes, long seed, long steps, double meanReturn,
    double[] stateMean, double[] stateStd, double[] actionMean, double[] actionStd) {

  /** The file a run directory keeps them in. */
  public static final String FILE = "state-statistics.json";

  /** Runs {@code episodes} deterministic episodes of {@code policy} and collects the statistics. */
  public static VisitedStatistics collect(Policy policy, String checkpoint, String env, EnvSource envs, int episodes,
      long seed, NDManager manager) {
    Moments states = new Moments();
    Moments actions = new Moments();
    List<Episode> run = PolicyEvaluation.run(policy, envs, episodes, seed, true, manager, (observations, acted) -> {
      long width = acted.getShape().dimension() == 1 ? 1 : acted.getShape().get(1);
      double[] flat = acted.toType(DataType.FLOAT64, false).toDoubleArray();
      for (int row = 0; row < observations.length; row++) {
        states.add(observations[row], 0, observations[row].length);
        actions.add(flat, Math.toIntExact(row * width), Math.toIntExact(width));
      }
    });
    return new VisitedStatistics(env, checkpoint, episodes, seed, states.count, PolicyEvaluation.meanReturn(run),
        states.mean(), states.std(), actions.mean(), actions.std());
  }

  /** Running per-dimension sums (Welford's update, in double). */
  private static final class Moments {
    long count;
    double[] mean;
    double[] squares;

    void add(double[] values, int offset, int width) {
      if (mean == null) {
        mean = new double[width];
        squares = new double[width];
      }
      count++;
      for (int i = 0; i < width; i++) {
        double x = values[offset + i];
        double delta = x - mean[i];
        mean[i] += delta / count;
        squares[i] += delta * (x - mean[i]);
      }
    }

    double[] mean() {
      return mean == null ? new double[0] : mean.clone();
    }

    double[] std() {
      double[] std = new double[mean == null ? 0 : mean.length];
      for (int i = 0; i < std.length; i++) {
        std[i] = Math.sqrt(squares[i] / count);
      }
      return std;
    }
  }
}
