package org.samdp.experiments.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.ReturnSummary;

/**
 * A sweep's table as the papers aggregate: per agent its strongest attack (the lowest mean return over every attack
 * and setting), per method and ε the median agent over its seeds by that return (the lower middle one for an even
 * count), with the method's training ε / κ, the range over the seeds of the strongest attack's return and of the
 * natural return beside it, and the median agent's natural return and certificates. {@code samdp report} of several
 * runs of one setting aggregates them the same way.
 */
public final class SweepTable {
  private SweepTable() {}

  /** One agent's numbers at one ε. */
  private record Scored(SweepAgents.Agent agent, AttackResults.AtEps attacked, CertificateSummary certified) {
    double worst() {
      return attacked.attacks().get(attacked.strongest()).mean();
    }
  }

  /** The table's Markdown, ending with a newline. */
  public static String markdown(List<SweepAgents.Agent> agents) {
    Map<String, List<SweepAgents.Agent>> byMethod = new LinkedHashMap<>();
    agents.forEach(agent -> byMethod.computeIfAbsent(agent.run().env() + "\n" + agent.method(),
        key -> new ArrayList<>()).add(agent));
    boolean certRate = false;
    boolean klBound = false;
    for (SweepAgents.Agent agent : agents) {
      CertificateResults certificates = agent.run().certificates();
      if (certificates != null) {
        for (CertificateResults.AtEps e : certificates.evaluations()) {
          certRate |= e.certificates().certifiedRate() != null;
          klBound |= e.certificates().klBound() != null;
        }
      }
    }
    List<String> header = new ArrayList<>(List.of("Env", "ε", "Method", "Training ε / κ", "Agents",
        "Natural (median agent)",
        "Best attack (median agent)", "Best attack, range over agents", "Natural, range over agents"));
    if (certRate) {
      header.add("Action cert. rate");
    }
    if (klBound) {
      header.add("KL bound");
    }
    header.add("Median agent");
    StringBuilder out = new StringBuilder();
    row(out, header);
    row(out, header.stream().map(h -> "---").toList());
    for (List<SweepAgents.Agent> method : byMethod.values()) {
      TreeSet<Double> epsValues = new TreeSet<>();
      method.forEach(agent -> epsValues.addAll(ReportTable.epsValues(agent.run())));
      for (double eps : epsValues) {
        List<Scored> scored = new ArrayList<>();
        for (SweepAgents.Agent agent : method) {
          AttackResults.AtEps attacked = ReportTable.attacksAt(agent.run(), eps);
          if (attacked != null && attacked.strongest() != null) {
            scored.add(new Scored(agent, attacked, ReportTable.certificatesAt(agent.run(), eps)));
          }
        }
        scored.sort(Comparator.comparingDouble(Scored::worst));
        Scored median = scored.isEmpty() ? null : scored.get((scored.size() - 1) / 2);
        SweepAgents.Agent first = method.get(0);
        List<String> cells = new ArrayList<>(List.of(first.run().env(), ReportTable.number(eps), first.method(),
            first.run().training().cell(), String.valueOf(scored.size())));
        if (median == null) {
          cells.addAll(List.of("–", "–", "–", "–"));
        } else {
          ReturnSummary worst = median.attacked().attacks().get(median.attacked().strongest());
          cells.add(ReportTable.meanStd(median.attacked().natural()));
          cells.add(ReportTable.meanStd(worst) + " (" + ReportTable.title(median.attacked().strongest()) + ")");
          cells.add(range(scored.stream().mapToDouble(Scored::worst).toArray()));
          cells.add(range(scored.stream().mapToDouble(s -> s.attacked().natural().mean()).toArray()));
        }
        CertificateSummary certified = median == null ? null : median.certified();
        ReportTable.addCertificateCells(cells, certified, certRate, klBound);
        cells.add(median == null ? "–" : median.agent().run().directory().getFileName().toString());
        row(out, cells);
      }
    }
    return out.toString();
  }

  private static String range(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double value : values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return String.format(Locale.ROOT, "%.1f – %.1f", min, max);
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
