package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.adversaries.eval.Certifier;
import org.samdp.adversaries.eval.Distribution;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code samdp certify}: certificates of a trained agent along its natural episodes, into {@code certificates.json}. */
@Command(
    name = "certify",
    description = "Certify a trained agent at every step of its natural (deterministic) episodes with the bound engine:"
        + " action certification rate and certified radius (discrete actions: DQN, categorical PPO), KL bound (PPO)"
        + " and action-change bounds (Gaussian PPO). Adds the results to certificates.json in the run directory.",
    mixinStandardHelpOptions = true)
final class CertifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  EvaluationOptions options;

  @Option(names = "--method", split = ",", paramLabel = "M", description = "Bound methods, comma-separated: IBP,"
      + " CROWN, CROWN-IBP, alpha-CROWN; the best of them counts (default: IBP,CROWN).")
  List<String> methods = new ArrayList<>(List.of("IBP", "CROWN"));

  @Option(names = "--max-radius", paramLabel = "R", description = "Largest radius the certified radius search tries"
      + " (default: 4 times the largest eps; 0 skips the search).")
  Double maxRadius;

  @Option(names = "--window", paramLabel = "W", description = "Recurrent policies: how many of the last observations"
      + " each step's certificate bounds through the cell; the earlier ones enter through an IBP box of the cell state"
      + " (default: ${DEFAULT-VALUE}).")
  int window = Certifier.DEFAULT_WINDOW;

  @Override
  public Integer call() {
    RobustnessEvaluation.Settings evaluation = options.settings();
    options.eps.forEach(ThreatModel::requireRadius);
    List<BoundMethod> bounds = methods.stream().map(BoundMethod::parse).toList();
    double radius = maxRadius != null
        ? maxRadius : 4 * options.eps.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (!(radius >= 0)) {
      throw new IllegalArgumentException("--max-radius must be >= 0, got " + radius);
    }
    boolean windowGiven = Samdp.given(spec, "--window");
    boolean maxRadiusGiven = Samdp.given(spec, "--max-radius");
    options.evaluateInto(CertificateResults.FILE, spec, (trained, progress) -> {
      if (radius > 0 && maxRadiusGiven && !trained.policy().kind().isDiscrete()) {
        throw new IllegalArgumentException("--max-radius bounds the certified radius search, the largest radius at"
            + " which a discrete action stays the same, and " + trained.policy().kind().describe() + " acts in a"
            + " continuous space (its action-change bounds are certified instead); drop --max-radius");
      }
      if (windowGiven && !trained.policy().isStateful()) {
        throw new IllegalArgumentException("--window bounds a recurrent policy's history, and this policy has none"
            + " (each step is certified on its own observation); drop --window");
      }
      return CertificateResults.evaluate(trained, options.eps, bounds, radius, window, evaluation, progress);
    }, CertifyCommand::print);
    return 0;
  }

  /** One block per ε with whatever certificates apply. */
  static void print(PrintWriter out, TrainedRun trained, CertificateResults results) {
    out.printf(Locale.ROOT, "%s on %s (%s), steps of %d natural episodes, bounds %s%s%n", trained.algorithm(),
        trained.env(), trained.checkpoint(), results.episodes(), String.join("+", results.methods()),
        results.window() == null ? "" : ", whole history (last " + results.window() + " steps through the cell,"
            + " earlier ones by an IBP state box)");
    for (CertificateResults.AtEps e : results.evaluations()) {
      CertificateSummary c = e.certificates();
      out.printf(Locale.ROOT, "eps = %s (%d steps)%n", ReportTable.number(e.eps()), c.steps());
      if (c.certifiedRate() != null) {
        out.printf(Locale.ROOT, "  action certification rate  %.3f%n", c.certifiedRate());
      }
      line(out, "KL bound", c.klBound());
      line(out, "action change l1 bound", c.actionChangeL1());
      line(out, "action change l2 bound", c.actionChangeL2());
      line(out, "action change linf bound", c.actionChangeLinf());
      line(out, "action range", c.actionRange());
      if (c.certifiedRadius() != null) {
        line(out, "certified radius", c.certifiedRadius());
        out.printf(Locale.ROOT, "  (radius searched up to %s)%n", ReportTable.number(e.maxRadius()));
      }
    }
  }

  private static void line(PrintWriter out, String what, Distribution d) {
    if (d != null) {
      out.printf(Locale.ROOT, "  %-26s mean %.4g, median %.4g, p10 %.4g, p90 %.4g, max %.4g%n", what, d.mean(),
          d.median(), d.p10(), d.p90(), d.max());
    }
  }
}
