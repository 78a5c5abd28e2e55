package org.samdp.agents.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.PolicyEvaluation;

/**
 * Evaluation during training (Stable-Baselines3's EvalCallback): every {@code run.evalEvery} environment steps the
 * trainer plays {@code run.evalDuringTraining} deterministic episodes on envs of its own, and a run keeps the
 * checkpoint of its best mean return so far as {@code checkpoints/best}. Each evaluation is a row of
 * {@value #FILE} and an event of the run's TensorBoard log; which one became the best is recorded there too, so a
 * resumed run knows the return to beat.
 */
public final class TrainingEvaluation {
  /** The evaluations of a run, one row each. */
  public static final String FILE = "evaluations.csv";
  /** Mean return of the evaluation's episodes. */
  public static final String RETURN = "eval/episodic_return";
  /** The columns of {@value #FILE}. */
  public static final List<String> COLUMNS = List.of("iteration", "global_step", RETURN, "eval/return_std",
      "eval/episodic_length", "eval/best");

  private final int every;
  private final int episodes;
  private MetricsCsv csv;
  private TensorBoardLog tensorBoard;
  private Double best;

  /**
   * @param every evaluate at the end of each iteration that reaches a multiple of this many steps
   * @param episodes deterministic episodes per evaluation; 0 turns evaluation off
   */
  public TrainingEvaluation(int every, int episodes) {
    if (episodes > 0 && every <= 0) {
      throw new IllegalArgumentException("run.evalEvery must be positive, got " + every);
    }
    this.every = every;
    this.episodes = episodes;
  }

  /**
   * Records evaluations in {@code run}'s {@value #FILE} and {@code tensorBoard} from now on; rows after
   * {@code completedSteps} (written after the checkpoint a resumed run continues from) are dropped, and the best
   * return is that of the last row that kept a checkpoint. A run that does not evaluate gets no file.
   */
  void recordIn(Path run, TensorBoardLog tensorBoard, long completedSteps) {
    if (episodes == 0) {
      return;
    }
    Path file = run.resolve(FILE);
    csv = new MetricsCsv(file, COLUMNS);
    List<String[]> rows = MetricsCsv.read(file);
    int kept = 0;
    best = null;
    for (String[] row : rows) {
      if (Long.parseLong(row[1]) > completedSteps) {
        break;
      }
      kept++;
      if ("1".equals(row[5])) {
        best = Double.parseDouble(row[2]);
      }
    }
    csv.truncate(kept);
    this.tensorBoard = tensorBoard;
  }

  /** True if the iteration that took the run from {@code before} to {@code after} steps ends with an evaluation. */
  boolean due(long before, long after) {
    return episodes > 0 && before / every < after / every;
  }

  /** Deterministic episodes per evaluation. */
  int episodes() {
    return episodes;
  }

  /**
   * Records an evaluation.
   *
   * @param mayKeepBest whether the run may keep a best checkpoint now (an SA run only once its ε is final)
   * @param keepBest saves the best checkpoint; called before the row is written
   * @return the mean return
   */
  double record(int iteration, long globalStep, List<Episode> results, boolean mayKeepBest, Runnable keepBest) {
    double mean = PolicyEvaluation.meanReturn(results);
    boolean isBest = mayKeepBest && (best == null || mean > best);
    if (isBest) {
      keepBest.run();
      best = mean;
    }
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("iteration", (double) iteration);
    row.put("global_step", (double) globalStep);
    row.put(RETURN, mean);
    row.put("eval/return_std", PolicyEvaluation.stdReturn(results));
    row.put("eval/episodic_length", results.stream().mapToDouble(Episode::length).average().orElse(Double.NaN));
    row.put("eval/best", isBest ? 1.0 : 0.0);
    if (csv != null) {
      csv.append(row);
      // The counters are the metrics' own tags already.
      Map<String, Double> scalars = new LinkedHashMap<>(row);
      scalars.keySet().removeIf(name -> !name.startsWith("eval/"));
      tensorBoard.scalars(globalStep, scalars);
    }
    return mean;
  }

  /** The best mean return so far that kept a checkpoint, or null. */
  public Double best() {
    return best;
  }
}
