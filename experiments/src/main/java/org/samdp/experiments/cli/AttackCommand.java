package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;
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
      + " critic (PPO), mad (PPO), pgd and pgd50 (DQN). Default: every attack that applies to the agent.")
  List<String> attacks = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Attack setting, e.g. mad.steps=20,"
      + " pgd.stepSize=0.01, mad.temperature=1e-4 (repeatable). Defaults: 10 steps of eps/10, temperature 1e-5,"
      + " pgd50 50 steps.")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() {
    RobustnessEvaluation.Settings evaluation = options.settings();
    AttackConfig config = AttackConfig.loader().load(null, settings);
    options.evaluateInto(AttackResults.FILE, spec, (trained, progress) -> {
      List<String> names = attacks.isEmpty()
          ? Attacks.applicable(trained.policy().kind(), trained.critic() != null) : attacks;
      return AttackResults.evaluate(trained, names, options.eps, config, evaluation, progress);
    }, AttackCommand::print);
    return 0;
  }

  /** The table: natural return, each attack's, and the strongest, per ε. */
  static void print(PrintWriter out, TrainedRun trained, AttackResults results) {
    out.printf(Locale.ROOT, "%s on %s (%s), %d episodes each, seed %d%n", trained.algorithm(), trained.env(),
        trained.checkpoint(), results.episodes(), results.seed());
    for (AttackResults.AtEps e : results.evaluations()) {
      out.printf(Locale.ROOT, "eps = %s%n", ReportTable.number(e.eps()));
      out.printf(Locale.ROOT, "  %-16s %s%n", "natural", ReportTable.meanStd(e.natural()));
      for (var attack : e.attacks().entrySet()) {
        out.printf(Locale.ROOT, "  %-16s %s%n", ReportTable.title(attack.getKey()),
            ReportTable.meanStd(attack.getValue()));
      }
      ReturnSummary strongest = e.attacks().get(e.strongest());
      out.printf(Locale.ROOT, "  strongest attack: %s (%s)%n", ReportTable.title(e.strongest()),
          ReportTable.meanStd(strongest));
    }
  }
}
