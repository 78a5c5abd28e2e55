package org.samdp.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.PolicyEvaluation;

/**
 * A clean evaluation of a saved policy, as {@code evaluation.json} records it.
 *
 * @param checkpoint where the policy was loaded from
 * @param env the environment id
 * @param deterministic whether the policy acted by its mode
 * @param seed seed of the evaluation episodes
 * @param mean mean episode return
 * @param std standard deviation of the returns
 * @param returns every episode's return
 * @param lengths every episode's length
 */
record Evaluation(String checkpoint, String env, boolean deterministic, long seed, double mean, double std,
    List<Double> returns, List<Integer> lengths) {

  /**
   * Loads the policy of {@code checkpoint} (normaliser frozen) and runs {@code episodes} episodes.
   *
   * @param deterministic act by the mode; false samples, which only a policy with an action distribution can
   */
  static Evaluation of(Path checkpoint, String env, int episodes, long seed, boolean deterministic) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy policy = Policies.load(checkpoint, manager);
      if (!deterministic && !policy.kind().isStochastic()) {
        throw new IllegalArgumentException("--stochastic samples actions from the policy's distribution, and "
            + policy.kind().describe() + " has none; drop it");
      }
      List<Episode> run = PolicyEvaluation.run(policy, EnvSource.registered(env), episodes, seed, deterministic,
          manager);
      return new Evaluation(checkpoint.toString(), env, deterministic, seed, PolicyEvaluation.meanReturn(run),
          PolicyEvaluation.stdReturn(run), run.stream().map(Episode::episodicReturn).toList(),
          run.stream().map(Episode::length).toList());
    }
  }

  /** One line: mean ± std over the episodes. */
  String summary() {
    return String.format(Locale.ROOT, "%s return over %d episodes on %s: %.1f ± %.1f (%s)",
        deterministic ? "deterministic" : "stochastic", returns.size(), env, mean, std, checkpoint);
  }
}
