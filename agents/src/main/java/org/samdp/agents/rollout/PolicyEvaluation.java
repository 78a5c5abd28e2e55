package org.samdp.agents.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.samdp.agents.policy.Policy;

/**
 * Clean evaluation: a policy acting deterministically (or stochastically) for a number of whole episodes, its
 * normaliser untouched, on the {@link EpisodeLoop} with its seed convention, so that the same seed gives the same
 * episodes as the robustness evaluation's natural run. Deterministic episodes run side by side (up to
 * {@value #PARALLEL}), as the robustness evaluation runs them; sampled ones one at a time, so that their draws do not
 * depend on the batching.
 */
public final class PolicyEvaluation {
  /** Deterministic episodes stepped side by side: each step's cost is mostly per call, not per observation. */
  public static final int PARALLEL = 64;

  private PolicyEvaluation() {}

  /**
   * Returns and lengths of the episodes, in episode order.
   *
   * @param deterministic act by the mode (mean, arg-max, the actor's output) rather than by sampling
   */
  public static List<Episode> run(Policy policy, EnvSource envs, int episodes, long seed, boolean deterministic,
      NDManager manager) {
    return run(policy, envs, episodes, seed, deterministic, manager, (observations, actions) -> {});
  }

  /** What {@link #run(Policy, EnvSource, int, long, boolean, NDManager, StepVisitor)} shows of every step. */
  public interface StepVisitor {
    /**
     * @param observations the raw observations the running episodes acted on, one row each
     * @param actions the actions taken, one row each
     */
    void visit(double[][] observations, NDArray actions);
  }

  /** As {@link #run(Policy, EnvSource, int, long, boolean, NDManager)}, showing every step to {@code visitor}. */
  public static List<Episode> run(Policy policy, EnvSource envs, int episodes, long seed, boolean deterministic,
      NDManager manager, StepVisitor visitor) {
    List<Episode> finished = new ArrayList<>();
    SplitMix64 random = new SplitMix64(SplitMix64.hash(seed, 17));
    try (EpisodeLoop loop = EpisodeLoop.episodes(envs, episodes, deterministic ? PARALLEL : 1, seed)) {
      while (!loop.done()) {
        try (NDManager scope = manager.newSubManager()) {
          double[][] observations = loop.observations();
          Transition transition = loop.step(scope, policy,
              (view, state, starts) -> policy.act(view, state, starts, deterministic, random));
          visitor.visit(observations, transition.acting().actions());
          finished.addAll(transition.step().finished());
        }
      }
    }
    finished.sort(Comparator.comparingLong(Episode::index));
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
