package org.samdp.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.io.Json;
import org.samdp.agents.run.RunDirectory;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp evaluate}: clean returns of a saved policy. */
@Command(
    name = "evaluate",
    description = "Evaluate a trained policy (a checkpoint of a run directory, its latest by default, or a checkpoint"
        + " directory) on its environment without attacks; prints mean ± std and the checkpoint, and writes evaluation"
        + " JSON if --json is given.",
    mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "DIR", description = "Run or checkpoint directory.")
  Path policy;

  @Option(names = "--checkpoint", paramLabel = "C", description = "Which checkpoint of the run: latest (default),"
      + " best (kept by the evaluation during training) or iter-N; the result names the one evaluated.")
  String checkpoint;

  @Option(names = "--env", paramLabel = "ID", description = "Environment id (default: the run's).")
  String env;

  @Option(names = "--episodes", defaultValue = "50", description = "Episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the episodes (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stochastic", description = "Sample actions instead of acting by the mode (policies with an"
      + " action distribution: PPO's and ATLA's; DQN and DDPG act deterministically).")
  boolean stochastic;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the evaluation as JSON here.")
  Path json;

  @Override
  public Integer call() {
    if (episodes <= 0) {
      throw new IllegalArgumentException("--episodes must be positive, got " + episodes);
    }
    Path chosen = TrainedRun.checkpoint(policy, checkpoint);
    String id = env != null ? env : envOf(chosen);
    Evaluation evaluation = Evaluation.of(chosen, id, episodes, seed, !stochastic);
    if (json != null) {
      Json.write(json, evaluation);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(evaluation.summary());
    out.flush();
    return 0;
  }

  /** The {@code env} key of the checkpoint's resolved configuration. */
  private static String envOf(Path checkpoint) {
    Path config = checkpoint.resolve(RunDirectory.CONFIG);
    try {
      JsonNode node = new YAMLMapper().readTree(config.toFile()).path("env");
      if (!node.isTextual()) {
        throw new ConfigException(config + " names no env; pass --env");
      }
      return node.asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the env from " + config + " (" + e.getMessage()
          + "); pass --env", e);
    }
  }
}
