package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.Json;
import org.samdp.agents.rollout.VisitedStatistics;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.ProgressCallback;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;
import org.samdp.experiments.presets.Preset;
import org.samdp.experiments.runs.TrainingAdversary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code samdp train}: trains an agent into a run directory, then evaluates it. */
@Command(
    name = "train",
    description = "Train an agent. Writes a run directory: config.yaml (resolved), provenance.json, metrics.csv,"
        + " checkpoints/ (every run.checkpointEvery iterations and at the end) and evaluation.json.",
    mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
  /** The env of the defaults when only the config file names one. */
  private static final String UNSET = "unset";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--algo", paramLabel = "ALGO", description = "Algorithm: ${COMPLETION-CANDIDATES}.",
      completionCandidates = AlgorithmNames.class)
  String algo;

  @Option(names = "--env", paramLabel = "ID", description = "Environment id, e.g. CartPole-v1, Hopper-v4 (default:"
      + " the env of --config or --preset; with --config it must agree with the file's env, with --preset it replaces"
      + " the preset's).")
  String env;

  @Option(names = "--config", paramLabel = "FILE.yaml", description = "YAML file over the algorithm's defaults.")
  Path config;

  @Option(names = "--preset", paramLabel = "NAME", description = "A named setup over the algorithm's defaults"
      + " (instead of --config): ${COMPLETION-CANDIDATES}. Its env is used unless --env is given.",
      completionCandidates = PresetNames.class)
  String preset;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key, e.g. ppo.clip=0.1"
      + " (repeatable; applied after --config).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "The run directory (required unless --print-config).")
  Path out;

  @Option(names = "--print-config", description = "Print the resolved configuration (every key the chosen algorithm"
      + " and network use, as the run's config.yaml would hold it; the others are left out, and giving one is refused)"
      + " and exit without training.")
  boolean printConfig;

  @Option(names = "--state-statistics", paramLabel = "FILE", description = "SA-DDPG: state the radius in the"
      + " per-dimension state std of this state-statistics.json (samdp stats of a vanilla run on the same env) instead"
      + " of the authors' constants; sets robust.stateStd.")
  Path stateStatistics;

  @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its own"
      + " configuration.")
  boolean resume;

  /** The preset names, by family, for the help text. */
  static final class PresetNames extends ArrayList<String> {
    PresetNames() {
      Preset.index().forEach((family, names) -> add(String.join(", ", names) + " (" + family + ")"));
    }
  }

  /** The names {@code --algo} accepts. */
  static final class AlgorithmNames extends ArrayList<String> {
    AlgorithmNames() {
      super(Algorithms.names());
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (printConfig) {
      if (resume || out != null) {
        throw new IllegalArgumentException("--print-config prints a new run's configuration and trains nothing; drop"
            + " --out and --resume (a run's own configuration is its config.yaml)");
      }
      stdout.print(plan().config());
      stdout.flush();
      return 0;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required: the run directory to write (or to --resume)");
    }
    List<TrainingCallback> callbacks = List.of(ProgressCallback.auto(err));
    long start = System.nanoTime();
    try (TrainingSession session = open(callbacks, err)) {
      long firstStep = session.globalStep();
      trainStoppingOnInterrupt(session, err);
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(Locale.ROOT, "%s %s: %d steps in %.0f s (%.0f steps/s); run directory %s%n", session.algorithm(),
          session.envId(), session.globalStep(), seconds, (session.globalStep() - firstStep) / seconds, out);
      new Checkpoints(out.resolve("checkpoints")).best().ifPresent(best -> stdout.printf(Locale.ROOT, "best checkpoint"
          + " by the evaluations during training (evaluations.csv): %s (--checkpoint best)%n", best.getFileName()));
      if (session.stopReason() != null) {
        stdout.printf(Locale.ROOT, "stopped early (%s) after iteration %d of %d with a checkpoint; continue with"
            + " samdp train --resume --out %s%n", session.stopReason(), session.iteration(),
            session.totalIterations(), out);
      } else {
        TrainingAdversary.keep(out).ifPresent(attacker -> stdout.printf(Locale.ROOT, "the training adversary is kept"
            + " as the attacker %s (samdp attack --attack optimal evaluates it): %s%n", TrainingAdversary.SETTINGS,
            attacker));
      }
      if (session.stopReason() == null && session.evaluationEpisodes() > 0) {
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

  /**
   * Trains; Ctrl-C (or a plain kill) during training finishes the running iteration and saves a checkpoint before the
   * process ends, as early stopping does. The JVM runs its shutdown hooks while this thread goes on, so the hook asks
   * the trainer to stop and waits for it.
   */
  private void trainStoppingOnInterrupt(TrainingSession session, PrintWriter err) {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      err.println("samdp: interrupted: finishing iteration " + (session.iteration() + 1) + " and saving a checkpoint"
          + " (kill -9 " + ProcessHandle.current().pid() + " to quit at once)");
      err.flush();
      session.requestStop("interrupted");
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      err.println("samdp: stopped after iteration " + session.iteration() + "; continue with samdp train --resume"
          + " --out " + out);
      err.flush();
    });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      session.train();
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running and ends now.
      }
    }
  }

  private TrainingSession open(List<TrainingCallback> callbacks, PrintWriter err) {
    List<String> command = Samdp.typed(spec);
    if (resume) {
      if (algo != null || env != null || config != null || preset != null || !overrides.isEmpty()
          || stateStatistics != null) {
        throw new IllegalArgumentException("--resume continues the run in --out with its own configuration; drop"
            + " --algo, --env, --config, --preset, --set and --state-statistics");
      }
      RunDirectory.existing(out);
      Provenance.Imported imported = Json.read(out.resolve(RunDirectory.PROVENANCE), Provenance.class).imported();
      if (imported != null) {
        // An import writes what evaluation and attacks read, not a trainer's state (optimiser moments, DDPG's
        // target networks and replay buffer), so no resume could continue it as the authors' training would.
        throw new IllegalArgumentException(out + " was imported from " + imported.file() + " and holds no training"
            + " state to resume; start a new run instead (samdp train --algo ALGO --env ID --out NEW_DIR)");
      }
      Optional<Path> checkpoint = new Checkpoints(out.resolve("checkpoints")).latest();
      if (checkpoint.isEmpty()) {
        throw new IllegalArgumentException(out + " has no checkpoint to resume from (it stopped before its first one);"
            + " delete it and start the run again (its command is in " + RunDirectory.PROVENANCE + ")");
      }
      TrainingSession session = Algorithms.ofRun(out).resume(out, command, callbacks);
      err.println(String.format(Locale.ROOT, "resuming %s from %s (iteration %d of %d, %d steps)", out,
          checkpoint.get().getFileName(), session.iteration(), session.totalIterations(), session.globalStep()));
      err.flush();
      return session;
    }
    return plan().start(out, command, callbacks);
  }

  /** What a new run starts from: the algorithm and its configuration. */
  private record Plan<C extends TrainerBase.Config>(Algorithm<C> algorithm, C configuration) {
    /**
     * The configuration from the defaults for {@code env}, the file, a preset's keys and the user's.
     *
     * @param base a preset's keys, which may set keys that the chosen variant does not use
     * @param given the user's keys, refused where they set such keys
     */
    static <C extends TrainerBase.Config> Plan<C> of(Algorithm<C> algorithm, String env, Path file, List<String> base,
        List<String> given) {
      return new Plan<>(algorithm, algorithm.userConfig(env, file, base, given));
    }

    String config() {
      return configuration.toYaml();
    }

    TrainingSession start(Path out, List<String> command, List<TrainingCallback> callbacks) {
      return algorithm.start(configuration, out, command, callbacks);
    }
  }

  private Plan<?> plan() {
    if (preset != null) {
      return planFromPreset();
    }
    if (algo == null || (env == null && config == null)) {
      throw new IllegalArgumentException("--algo and --env (or --algo and --preset, or --algo and a --config that"
          + " names its env) are required to start a run (or --resume to continue one)");
    }
    Algorithm<?> algorithm = Algorithms.get(algo);
    String fileEnv = config == null ? UNSET : algorithm.config(UNSET, config, overrides).env();
    if (env != null && !fileEnv.equals(UNSET) && !fileEnv.equals(env)) {
      throw new IllegalArgumentException("--env " + env + " and " + config + " (env: " + fileEnv + ") disagree;"
          + " drop --env or change the file's env");
    }
    if (env == null && fileEnv.equals(UNSET)) {
      throw new IllegalArgumentException(config + " names no env; add an env: key to it or give --env");
    }
    String chosen = env != null ? env : fileEnv;
    List<String> keys = new ArrayList<>(overrides);
    keys.add("env=" + chosen);
    return Plan.of(algorithm, chosen, config, List.of(), withStatistics(algorithm, chosen, keys));
  }

  /** The preset's keys go first, so that {@code --set} overrides any of them. */
  private Plan<?> planFromPreset() {
    if (algo == null) {
      throw new IllegalArgumentException("--preset needs --algo (e.g. --algo sa-ppo --preset hopper)");
    }
    if (config != null) {
      throw new IllegalArgumentException("--preset and --config both give the base configuration; use one of them"
          + " (and --set for changes)");
    }
    Algorithm<?> algorithm = Algorithms.get(algo);
    Preset chosen = Preset.load(preset, algo);
    String id = env != null ? env : chosen.env();
    return Plan.of(algorithm, id, null, chosen.overrides(algorithm.robust(), env == null),
        withStatistics(algorithm, id, overrides));
  }

  /** The keys with {@code robust.stateStd} from {@code --state-statistics} last, after checking the file fits. */
  private List<String> withStatistics(Algorithm<?> algorithm, String id, List<String> keys) {
    if (stateStatistics == null) {
      return keys;
    }
    if (!algorithm.family().equals("ddpg")) {
      throw new IllegalArgumentException("--state-statistics sets SA-DDPG's robust.stateStd; --algo " + algo
          + " has no such key (use it with --algo ddpg or sa-ddpg)");
    }
    VisitedStatistics statistics = Json.read(stateStatistics, VisitedStatistics.class);
    if (statistics.stateStd() == null || !id.equals(statistics.env())) {
      throw new IllegalArgumentException(stateStatistics + " holds the statistics of " + statistics.env() + ", not of "
          + id + "; compute them with samdp stats --run <a vanilla run on " + id + ">");
    }
    if (Arrays.stream(statistics.stateStd()).allMatch(std -> std == 0)) {
      throw new IllegalArgumentException(stateStatistics + " has std 0 in every dimension (did the policy stand"
          + " still?); compute them from a trained vanilla run");
    }
    List<String> all = new ArrayList<>(keys);
    all.add("robust.stateStd=" + Arrays.toString(statistics.stateStd()));
    return all;
  }
}
