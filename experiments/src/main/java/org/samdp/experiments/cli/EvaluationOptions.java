package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.io.Json;
import org.samdp.experiments.runs.ResultsFile;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code attack} and {@code certify} share (which run, which radii, how many episodes of which seed) and
 * what both do with them: evaluate the run and add the results to its results file.
 */
final class EvaluationOptions {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory (its latest"
      + " checkpoint) or checkpoint directory.")
  Path run;

  @Option(names = "--checkpoint", paramLabel = "C", description = "Which checkpoint of the run: latest (default),"
      + " best (kept by the evaluation during training) or iter-N.")
  String checkpoint;

  @Option(names = "--eps", required = true, split = ",", paramLabel = "E", description = "Radius (or radii,"
      + " comma-separated) of the l_inf ball in normalized observation space.")
  List<Double> eps;

  @Option(names = "--episodes", defaultValue = "50", description = "Deterministic episodes per evaluation (default"
      + " ${DEFAULT-VALUE}, as in the papers).")
  int episodes;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the episodes and of any attack noise"
      + " (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--results", paramLabel = "FILE", description = "Write the results to FILE alone (written once,"
      + " atomically; refused if it exists) instead of adding them to the run's results file, so that evaluations"
      + " of one run can run side by side (samdp sweep does; samdp report merges them).")
  Path results;

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

  /**
   * Opens the run, evaluates it with progress lines on stderr, adds the results to {@code file} in the run's results
   * directory and prints them with where they were written. The file is written only once the whole evaluation has
   * finished, so a refused or failed evaluation leaves it as it was.
   *
   * @param evaluate the results of the opened run, told of progress
   */
  <R> void evaluateInto(ResultsFile<R> file, CommandSpec spec, BiFunction<TrainedRun, Consumer<String>, R> evaluate,
      Table<R> table) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TrainedRun trained = TrainedRun.open(run, checkpoint)) {
      if (results != null) {
        if (Files.exists(results)) {
          throw new IllegalArgumentException(results + " exists; --results writes a new file (give another name)");
        }
        R fresh = evaluate.apply(trained, progressTo(err));
        Json.write(results, fresh);
        table.print(out, trained, fresh);
        out.println("written to " + results);
        out.flush();
        return;
      }
      // A results file that cannot be read is reported now, not after the whole evaluation.
      file.read(trained.resultsDirectory());
      R fresh = evaluate.apply(trained, progressTo(err));
      ResultsFile.Added added = file.add(trained.resultsDirectory(), fresh);
      table.print(out, trained, fresh);
      if (added.kept() != null) {
        out.println("kept the earlier results (another checkpoint, episode count, seed or bound methods) as "
            + added.kept());
      }
      out.println("written to " + added.file());
      out.flush();
    }
  }

  /** Progress lines to {@code err}, flushed one by one so that a long evaluation shows where it is. */
  private static Consumer<String> progressTo(PrintWriter err) {
    return line -> {
      err.println(line);
      err.flush();
    };
  }

  /** How a command prints the results it has just added. */
  @FunctionalInterface
  interface Table<R> {
    void print(PrintWriter out, TrainedRun trained, R results);
  }
}
