package org.samdp.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.io.Json;
import org.samdp.agents.rollout.VisitedStatistics;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp stats}: the per-dimension state statistics of a trained policy's clean episodes. */
@Command(
    name = "stats",
    description = "Mean and std of the raw states (and actions) a trained policy visits in clean deterministic"
        + " episodes, the units in which SA-DDPG states eps; writes state-statistics.json into the run directory, which"
        + " samdp train --state-statistics FILE takes. Train them from a vanilla run (as the SA-DDPG authors did).",
    mixinStandardHelpOptions = true)
final class StatsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory (its latest checkpoint)"
      + " or checkpoint directory.")
  Path run;

  @Option(names = "--episodes", defaultValue = "50", description = "Episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "12345", description = "Seed of the episodes (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (episodes <= 0) {
      throw new IllegalArgumentException("--episodes must be positive, got " + episodes);
    }
    VisitedStatistics statistics;
    Path file;
    try (TrainedRun trained = TrainedRun.open(run); NDManager manager = NDManager.newBaseManager()) {
      statistics = VisitedStatistics.collect(trained.policy(), trained.checkpoint().toString(), trained.env(),
          trained.envs(), episodes, seed, manager);
      file = trained.resultsDirectory().resolve(VisitedStatistics.FILE);
    }
    Json.write(file, statistics);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %d states over %d episodes (mean return %.1f) of %s%n", statistics.env(),
        statistics.steps(), statistics.episodes(), statistics.meanReturn(), statistics.checkpoint());
    Optional<double[]> authors = DdpgConfig.authorsStateStd(statistics.env(), statistics.stateStd().length);
    out.println(authors.isPresent() ? "dim        mean         std   SA-DDPG authors' std (v2)" : "dim        mean"
        + "         std");
    for (int i = 0; i < statistics.stateStd().length; i++) {
      String theirs = authors.isPresent() ? String.format(Locale.ROOT, " %11.5f", authors.get()[i]) : "";
      out.printf(Locale.ROOT, "%3d %11.5f %11.5f%s%n", i, statistics.stateMean()[i], statistics.stateStd()[i], theirs);
    }
    out.println("SA-DDPG in these units: samdp train --algo sa-ddpg ... --state-statistics " + file);
    out.println("written to " + file);
    out.flush();
    return 0;
  }
}
