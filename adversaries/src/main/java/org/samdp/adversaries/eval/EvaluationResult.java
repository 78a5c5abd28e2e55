package org.samdp.adversaries.eval;

import java.util.List;
import org.samdp.agents.rollout.Episode;

/**
 * The episodes of one evaluation, and the certificates along them if they were computed.
 *
 * @param episodes in order of their index
 * @param certificates the per-step certificates summarised, or null
 */
public record EvaluationResult(List<Episode> episodes, CertificateSummary certificates) {

  /** Copies the list. */
  public EvaluationResult {
    episodes = List.copyOf(episodes);
  }

  /** The episodes' returns, in order. */
  public double[] returns() {
    return episodes.stream().mapToDouble(Episode::episodicReturn).toArray();
  }

  /** The summary of the returns: mean ± (population) std and quantiles. */
  public Distribution returnDistribution() {
    return Distribution.of(returns());
  }

  /** The mean episode length. */
  public double meanLength() {
    return episodes.stream().mapToInt(Episode::length).average().orElse(Double.NaN);
  }
}
