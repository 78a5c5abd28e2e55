package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.run.ProgressCallback;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;
import org.samdp.experiments.runs.TrainedAttacks;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code samdp attack}: the return of a trained agent without and under attacks (§6.4), into {@code attacks.json}. */
@Command(
    name = "attack",
    description = "Evaluate a trained agent deterministically without attack and under each attack on its normalized"
        + " observations (l_inf ball of radius eps; the env steps from the true state). Adds the results to"
        + " attacks.json in the run directory (written only when every evaluation has finished) and prints a table.",
    mixinStandardHelpOptions = true)
final class AttackCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EvaluationOptions options;

  @Option(names = "--attack", split = ",", paramLabel = "NAME", description = "Attacks, comma-separated: random,"
      + " critic (PPO), mad (stochastic policies), pgd and pgd50 (DQN), and the trained ones: rs (Robust Sarsa),"
      + " rs-mad (RS+MAD on the best RS critic) and optimal (a learned adversary), each over its grid; their attackers"
      + " are run directories under DIR/attackers, reused when the victim, eps and settings match. Default: every"
      + " attack that applies to the agent and needs no training.")
  List<String> attacks = new ArrayList<>();

  @Option(names = "--grid", paramLabel = "small|paper", description = "Settings the trained attacks scan: small"
      + " (default, sized for 2 cores: 4 RS critics, 3 RS+MAD ratios, 2 adversaries) or paper (30 critics, 10"
      + " ratios, 216 adversaries). Same as --set trained.grid=...")
  String grid;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Attack setting, e.g. mad.steps=20,"
      + " pgd.stepSize=0.01, mad.temperature=1e-4 (repeatable). Defaults: 10 steps of eps/10, temperature 1e-5,"
      + " pgd50 50 steps.")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() {
    RobustnessEvaluation.Settings evaluation = options.settings();
    List<String> keys = new ArrayList<>(settings);
    if (grid != null) {
      keys.add("trained.grid=" + grid);
    }
    AttackConfig config = AttackConfig.loader().load(null, keys);
    TrainedAttacks.Training training = new TrainedAttacks.Training(Samdp.typed(spec),
        List.of(ProgressCallback.auto(spec.commandLine().getErr())));
    options.evaluateInto(AttackResults.FILE, spec, (trained, progress) -> {
      List<String> names = attacks.isEmpty()
          ? Attacks.defaults(trained.policy().kind(), trained.critic() != null,
              trained.policy().isStateful()) : attacks;
      if (grid != null && names.stream().noneMatch(Attacks.TRAINED::contains)) {
        throw new IllegalArgumentException("--grid picks the settings the trained attacks (rs, rs-mad, optimal) scan,"
            + " and the attacks run here (" + String.join(", ", names) + ") train nothing; drop --grid or add a"
            + " trained attack to --attack");
      }
      AttackConfig.requireRead(names, settings, "--set");
      return AttackResults.evaluate(trained, names, options.eps, config, evaluation, training, progress);
    }, AttackCommand::print);
    return 0;
  }

  /** The table: natural return, each attack's, and the strongest, per ε. */
  static void print(PrintWriter out, TrainedRun trained, AttackResults results) {
    out.printf(Locale.ROOT, "%s on %s (%s), %d episodes each, seed %d%n", trained.algorithm(), trained.env(),
        trained.checkpoint(), results.episodes(), results.seed());
    for (AttackResults.AtEps e : results.evaluations()) {
      out.printf(Locale.ROOT, "eps = %s%n", ReportTable.number(e.eps()));
      // Trained attacks are named by their settings: the column is as wide as the longest name.
      int width = e.attacks().keySet().stream().mapToInt(name -> ReportTable.title(name).length()).max().orElse(0);
      String row = "  %-" + Math.max(16, width) + "s %s%n";
      out.printf(Locale.ROOT, row, "natural", ReportTable.meanStd(e.natural()));
      for (var attack : e.attacks().entrySet()) {
        out.printf(Locale.ROOT, row, ReportTable.title(attack.getKey()), ReportTable.meanStd(attack.getValue()));
      }
      ReturnSummary strongest = e.attacks().get(e.strongest());
      out.printf(Locale.ROOT, "  strongest attack: %s (%s)%n", ReportTable.title(e.strongest()),
          ReportTable.meanStd(strongest));
    }
  }
}
