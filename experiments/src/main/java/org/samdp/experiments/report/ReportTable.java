package org.samdp.experiments.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.ReturnSummary;

/**
 * One Markdown table over runs in the shape of the dissertation's Tables 6.3 and 6.5: a row per run and ε with the
 * training radius and weight (ε / κ), the natural return, the return under each attack (mean ± std over the episodes;
 * a trained attack's strongest setting; the strongest attack in bold when it alone has the lowest mean as shown, no
 * bold on a tie), the best (lowest) attack return with the attack and setting that reached it and, where the agents
 * have them, the action certification rate and the mean KL bound. Columns appear only when some row
 * has a value for them. A method that more than one run shares is followed by each run's directory name. The last
 * column says which checkpoint and how many episodes the row's numbers come from.
 */
public final class ReportTable {
  private ReportTable() {}

  /** The table's Markdown, ending with a newline. */
  public static String markdown(List<RunResults> runs) {
    List<String> attackColumns = new ArrayList<>();
    boolean certRate = false;
    boolean klBound = false;
    for (RunResults run : runs) {
      for (String name : Attacks.NAMES) {
        if (!attackColumns.contains(name) && run.attacks() != null
            && run.attacks().evaluations().stream().anyMatch(e -> e.strongestOf(name) != null)) {
          attackColumns.add(name);
        }
      }
      if (run.certificates() != null) {
        for (CertificateResults.AtEps e : run.certificates().evaluations()) {
          certRate |= e.certificates().certifiedRate() != null;
          klBound |= e.certificates().klBound() != null;
        }
      }
    }
    attackColumns.sort((a, b) -> Integer.compare(Attacks.NAMES.indexOf(a), Attacks.NAMES.indexOf(b)));

    List<String> header = new ArrayList<>(List.of("Env", "ε", "Method", "Training ε / κ", "Natural"));
    attackColumns.forEach(name -> header.add(title(name)));
    header.add("Best attack");
    if (certRate) {
      header.add("Action cert. rate");
    }
    if (klBound) {
      header.add("KL bound");
    }
    header.add("Checkpoint (episodes)");
    Map<String, Long> runsPerMethod = runs.stream()
        .collect(Collectors.groupingBy(RunResults::method, Collectors.counting()));
    StringBuilder out = new StringBuilder();
    row(out, header);
    row(out, header.stream().map(h -> "---").toList());
    for (RunResults run : runs) {
      String method = runsPerMethod.get(run.method()) > 1
          ? run.method() + " · " + run.directory().getFileName() : run.method();
      for (double eps : epsValues(run)) {
        AttackResults.AtEps attacked = attacksAt(run, eps);
        CertificateSummary certified = certificatesAt(run, eps);
        List<String> cells = new ArrayList<>(List.of(run.env(), number(eps), method, run.training().cell(),
            attacked == null ? "–" : meanStd(attacked.natural())));
        cells.addAll(attackCells(attacked, attackColumns));
        cells.add(attacked == null || attacked.strongest() == null ? "–" : String.format(Locale.ROOT, "%.1f (%s)",
            attacked.attacks().get(attacked.strongest()).mean(), title(attacked.strongest())));
        addCertificateCells(cells, certified, certRate, klBound);
        cells.add(source(run));
        row(out, cells);
      }
    }
    return out.toString();
  }

  /**
   * Each attack column's cell of a row: a trained attack's strongest setting; as in the papers' tables, the strongest
   * attack is bold, but only when no other column shows the same mean (a tie is left plain).
   */
  private static List<String> attackCells(AttackResults.AtEps attacked, List<String> attackColumns) {
    List<ReturnSummary> summaries = new ArrayList<>();
    for (String name : attackColumns) {
      String setting = attacked == null ? null : attacked.strongestOf(name);
      summaries.add(setting == null ? null : attacked.attacks().get(setting));
    }
    List<String> shownMeans = summaries.stream().map(r -> r == null ? null : oneDecimal(r.mean())).toList();
    String lowest = summaries.stream().filter(r -> r != null).min(Comparator.comparingDouble(ReturnSummary::mean))
        .map(r -> oneDecimal(r.mean())).orElse(null);
    boolean unique = lowest != null && shownMeans.stream().filter(lowest::equals).count() == 1;
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      ReturnSummary r = summaries.get(i);
      cells.add(r == null ? "–" : unique && lowest.equals(shownMeans.get(i)) ? "**" + meanStd(r) + "**" : meanStd(r));
    }
    return cells;
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** The checkpoint and episode count of the run's attacks and, where they differ, of its certificates. */
  private static String source(RunResults run) {
    String attacks = run.attacks() == null ? null : evaluated(run.attacks().checkpoint(), run.attacks().episodes());
    String certificates = run.certificates() == null ? null
        : evaluated(run.certificates().checkpoint(), run.certificates().episodes());
    if (attacks == null || certificates == null) {
      return attacks != null ? attacks : certificates != null ? certificates : "–";
    }
    return attacks.equals(certificates) ? attacks : "attacks " + attacks + ", certificates " + certificates;
  }

  private static String evaluated(String checkpoint, int episodes) {
    return java.nio.file.Path.of(checkpoint).getFileName() + " (" + episodes + ")";
  }

  /**
   * How tables name an attack, as the papers do, with a trained attack's setting after it: {@code RS (eps 0.05, reg
   * 1, iters 30)}.
   */
  public static String title(String attack) {
    String family = Attacks.family(attack);
    if (!family.equals(attack)) {
      String settings = attack.substring(family.length() + 1, attack.length() - 1);
      return title(family) + " (" + settings.replace("=", " ").replace(",", ", ") + ")";
    }
    return switch (attack) {
      case Attacks.RANDOM -> "Random";
      case Attacks.CRITIC -> "Critic";
      case Attacks.MAD -> "MAD";
      case Attacks.PGD -> "PGD (10 steps)";
      case Attacks.PGD50 -> "PGD (50 steps)";
      case Attacks.RS -> "RS";
      case Attacks.RS_MAD -> "RS+MAD";
      case Attacks.OPTIMAL -> "Optimal";
      default -> attack;
    };
  }

  /** Every ε the run was attacked or certified at, in increasing order. */
  public static TreeSet<Double> epsValues(RunResults run) {
    TreeSet<Double> eps = new TreeSet<>();
    if (run.attacks() != null) {
      run.attacks().evaluations().forEach(e -> eps.add(e.eps()));
    }
    if (run.certificates() != null) {
      run.certificates().evaluations().forEach(e -> eps.add(e.eps()));
    }
    return eps;
  }

  /** The run's attack evaluation at {@code eps}, or null. */
  public static AttackResults.AtEps attacksAt(RunResults run, double eps) {
    return run.attacks() == null ? null
        : run.attacks().evaluations().stream().filter(e -> e.eps() == eps).findFirst().orElse(null);
  }

  /** The run's certificates at {@code eps}, or null. */
  public static CertificateSummary certificatesAt(RunResults run, double eps) {
    return run.certificates() == null ? null : run.certificates().evaluations().stream().filter(e -> e.eps() == eps)
        .map(CertificateResults.AtEps::certificates).findFirst().orElse(null);
  }

  /**
   * The certification rate and KL bound cells of a row, each only when its column is shown; "–" where the run has no
   * such certificate.
   */
  public static void addCertificateCells(List<String> cells, CertificateSummary certified, boolean certRate,
      boolean klBound) {
    if (certRate) {
      cells.add(certified == null || certified.certifiedRate() == null ? "–"
          : String.format(Locale.ROOT, "%.3f", certified.certifiedRate()));
    }
    if (klBound) {
      cells.add(certified == null || certified.klBound() == null ? "–"
          : String.format(Locale.ROOT, "%.4g", certified.klBound().mean()));
    }
  }

  /** {@code mean ± std} with one decimal. */
  public static String meanStd(ReturnSummary r) {
    return String.format(Locale.ROOT, "%.1f ± %.1f", r.mean(), r.std());
  }

  /** A radius with up to four significant digits and no trailing zeros: 0.1, 0.003922. */
  public static String number(double value) {
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
