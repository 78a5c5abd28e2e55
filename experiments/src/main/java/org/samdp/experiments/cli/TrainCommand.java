package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.samdp.agents.io.Json;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.ProgressCallback;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp train}: trains an agent into a run directory, then evaluates it. */
@Command(
    name = "train",
    description = "Train an agent. Writes a run directory: config.yaml (resolved), provenance.json, metrics.csv,"
        + " checkpoints/ (every run.checkpointEvery iterations and at the end) and evaluation.json.",
    mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--algo", paramLabel = "ALGO", description = "Algorithm: ${COMPLETION-CANDIDATES}.",
      completionCandidates = AlgorithmNames.class)
  String algo;

  @Option(names = "--env", paramLabel = "ID", description = "Environment id, e.g. CartPole-v1, Hopper-v4.")
  String env;

  @Option(names = "--config", paramLabel = "FILE.yaml", description = "YAML file over the algorithm's defaults.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key, e.g. ppo.clip=0.1"
      + " (repeatable; applied after --config).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run directory.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its own"
      + " configuration.")
  boolean resume;

  /** The names {@code --algo} accepts. */
  static final class AlgorithmNames extends ArrayList<String> {
    AlgorithmNames() {
      super(TrainingAlgorithm.ALL.keySet());
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    List<TrainingCallback> callbacks = List.of(ProgressCallback.auto(err));
    long start = System.nanoTime();
    try (TrainingSession session = open(callbacks)) {
      long firstStep = session.globalStep();
      session.train();
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(Locale.ROOT, "%s %s: %d steps in %.0f s (%.0f steps/s); run directory %s%n", session.algorithm(),
          session.envId(), session.globalStep(), seconds, (session.globalStep() - firstStep) / seconds, out);
      if (session.evaluationEpisodes() > 0) {
        Path checkpoint = Checkpoints.resolve(out);
        Evaluation evaluation = Evaluation.of(checkpoint, session.envId(), session.evaluationEpisodes(),
            session.seed() + 1_000_003, true);
        Json.write(out.resolve("evaluation.json"), evaluation);
        stdout.println(evaluation.summary());
      }
      stdout.flush();
    }
    return 0;
  }

  private TrainingSession open(List<TrainingCallback> callbacks) {
    List<String> command = new ArrayList<>(List.of("samdp", "train"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    if (resume) {
      if (algo != null || env != null || config != null || !overrides.isEmpty()) {
        throw new IllegalArgumentException("--resume continues the run in --out with its own configuration; drop"
            + " --algo, --env, --config and --set");
      }
      RunDirectory.existing(out);
      String recorded = Json.MAPPER.convertValue(
          Json.read(out.resolve(RunDirectory.PROVENANCE), Map.class).get("algorithm"), String.class);
      return algorithm(recorded).resume(out, callbacks);
    }
    if (algo == null || env == null) {
      throw new IllegalArgumentException("--algo and --env are required to start a run (or --resume to continue"
          + " one)");
    }
    return algorithm(algo).start(env, config, overrides, out, command, callbacks);
  }

  private static TrainingAlgorithm algorithm(String name) {
    TrainingAlgorithm algorithm = TrainingAlgorithm.ALL.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; expected one of "
          + TrainingAlgorithm.ALL.keySet());
    }
    return algorithm;
  }
}
