package org.samdp.experiments.runs;

import java.util.List;
import org.samdp.adversaries.eval.Distribution;
import org.samdp.adversaries.eval.EvaluationResult;
import org.samdp.agents.rollout.Episode;

/**
 * Episode returns of one evaluation as results files record them.
 *
 * @param mean mean return
 * @param std population standard deviation of the returns (± in the papers' tables)
 * @param min lowest return
 * @param max highest return
 * @param meanLength mean episode length
 * @param returns every episode's return, in episode order
 * @param lengths every episode's length
 */
public record ReturnSummary(double mean, double std, double min, double max, double meanLength, List<Double> returns,
    List<Integer> lengths) {

  /** The summary of an evaluation's episodes. */
  public static ReturnSummary of(EvaluationResult result) {
    Distribution d = result.returnDistribution();
    return new ReturnSummary(d.mean(), d.std(), d.min(), d.max(), result.meanLength(),
        result.episodes().stream().map(Episode::episodicReturn).toList(),
        result.episodes().stream().map(Episode::length).toList());
  }
}
