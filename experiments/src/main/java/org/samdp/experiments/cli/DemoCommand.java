package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.run.ProgressCallback;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.adversaries.eval.Certifier;
import org.samdp.bounds.BoundMethod;
import org.samdp.experiments.presets.Preset;
import org.samdp.experiments.report.RunResults;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.TrainedAttacks;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code samdp demo}: the whole workflow on a small task in a few minutes: train a vanilla and an SA agent, attack
 * and certify both, write and print the report.
 */
@Command(
    name = "demo",
    description = "Train PPO and SA-PPO on InvertedPendulum-v4 (preset inverted-pendulum, under a minute each on 2"
        + " cores), attack both (critic, random, MAD) and certify both at each eps, then write and print the report."
        + " Everything goes into a new directory (runs/demo, or runs/demo-2, ... if that exists).",
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  private static final String PRESET = "inverted-pendulum";
  private static final List<String> ALGORITHMS = List.of("ppo", "sa-ppo");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory of the demo's runs and report (default:"
      + " runs/demo, numbered if it exists).")
  Path out;

  @Option(names = "--eps", defaultValue = "0.3,0.6", split = ",", paramLabel = "E", description = "Attack and"
      + " certificate radii (default ${DEFAULT-VALUE}: the radius SA-PPO trains at, as in Table 6.4, and twice it).")
  List<Double> eps;

  @Option(names = "--episodes", defaultValue = "50", description = "Episodes per evaluation (default"
      + " ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Training override for both runs, e.g."
      + " totalSteps=20480 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    eps.forEach(ThreatModel::requireRadius);
    if (episodes <= 0) {
      throw new IllegalArgumentException("--episodes must be positive, got " + episodes);
    }
    long start = System.nanoTime();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = out != null ? out : Samdp.freshDirectory(Path.of("runs", "demo"));
    List<Path> runs = new ArrayList<>();
    for (String algorithm : ALGORITHMS) {
      Path run = root.resolve(algorithm);
      say(err, "training " + algorithm + " on preset " + PRESET + " into " + run);
      train(algorithm, run, err);
      runs.add(run);
    }
    RobustnessEvaluation.Settings settings = RobustnessEvaluation.Settings.of(episodes, 12345);
    for (Path run : runs) {
      try (TrainedRun trained = TrainedRun.open(run)) {
        say(err, "attacking " + run);
        AttackResults attacks = AttackResults.evaluate(trained, Attacks.defaults(trained.policy().kind(),
            trained.critic() != null, trained.policy().isStateful()), eps, AttackConfig.DEFAULTS, settings,
            TrainedAttacks.Training.NONE, line -> say(err, "  " + line));
        AttackResults.FILE.write(run, attacks);
        say(err, "certifying " + run);
        CertificateResults.FILE.write(run, CertificateResults.evaluate(trained, eps,
            List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, Certifier.DEFAULT_WINDOW, settings, line -> say(err, "  " + line)));
      }
    }
    Path reportDirectory = root.resolve("report");
    String table = ReportCommand.write(runs.stream().map(RunResults::read).toList(), reportDirectory);
    stdout.print(table);
    stdout.printf(Locale.ROOT, "report: %s (with its plots); runs: %s; %.0f s in all%n",
        reportDirectory.resolve(ReportCommand.REPORT), root, (System.nanoTime() - start) / 1e9);
    stdout.flush();
    return 0;
  }

  private void train(String algorithm, Path run, PrintWriter err) {
    Preset preset = Preset.load(PRESET, algorithm);
    List<String> all = new ArrayList<>(preset.overrides(Algorithms.get(algorithm).robust(), true));
    all.addAll(overrides);
    try (TrainingSession session = Algorithms.get(algorithm).start(preset.env(), null, all, run, Samdp.typed(spec),
        List.of(ProgressCallback.auto(err)))) {
      session.train();
    }
  }

  private static void say(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }
}
