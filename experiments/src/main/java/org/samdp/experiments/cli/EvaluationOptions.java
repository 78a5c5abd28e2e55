package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import picocli.CommandLine.Option;

/** The options {@code attack} and {@code certify} share: which run, which radii, how many episodes of which seed. */
final class EvaluationOptions {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory (its latest"
      + " checkpoint) or checkpoint directory.")
  Path run;

  @Option(names = "--eps", required = true, split = ",", paramLabel = "E", description = "Radius (or radii,"
      + " comma-separated) of the l_inf ball in normalized observation space.")
  List<Double> eps;

  @Option(names = "--episodes", defaultValue = "50", description = "Deterministic episodes per evaluation (default"
      + " ${DEFAULT-VALUE}, as in the papers).")
  int episodes;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the episodes and of any attack noise"
      + " (default ${DEFAULT-VALUE}).")
  long seed;

  /**
   * The episodes and seed, checked.
   *
   * @throws IllegalArgumentException if {@code --episodes} is not positive
   */
  RobustnessEvaluation.Settings settings() {
    if (episodes <= 0) {
      throw new IllegalArgumentException("--episodes must be positive, got " + episodes);
    }
    return RobustnessEvaluation.Settings.of(episodes, seed);
  }

  /** Progress lines to {@code err}, flushed one by one so that a long evaluation shows where it is. */
  static Consumer<String> progressTo(PrintWriter err) {
    return line -> {
      err.println(line);
      err.flush();
    };
  }
}
