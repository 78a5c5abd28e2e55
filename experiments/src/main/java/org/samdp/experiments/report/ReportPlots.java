package org.samdp.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.ReturnSummary;

/**
 * The report's PNG plots: learning curves of all runs in one chart; per env, the return under the strongest attack
 * against ε with every method overlaid (error bars: the std over the episodes for one run, over the seeds' runs for
 * several, whose point is then the median run, as the tables take it); and for each run evaluated at several ε its
 * return against ε under each attack. Each attack and each method keeps one colour across all plots. Each file is
 * written atomically.
 */
public final class ReportPlots {
  /** The learning curves' file name. */
  public static final String LEARNING_CURVES = "learning_curves.png";

  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;
  /** The methods' colours, in the order of their names (Okabe and Ito's, safe for colour-blind readers, then more). */
  private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120),
      new Color(140, 60, 20), new Color(60, 60, 140), new Color(20, 100, 60)};
  /** Each attack's colour, in the order of {@link Attacks#NAMES} (Tableau's, apart from the methods'). */
  private static final Color[] ATTACK_COLOURS = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759),
      new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0x9c755f)};

  private ReportPlots() {}

  /**
   * Writes the plots into {@code directory} and returns their files.
   *
   * @return the files written, in order
   */
  public static List<Path> write(List<RunResults> runs, Path directory) {
    // Charts are drawn off screen; no display is needed (or wanted) on a server.
    System.setProperty("java.awt.headless", "true");
    List<SettingGroups.Group> groups = SettingGroups.of(runs);
    Map<String, Color> methodColours = new LinkedHashMap<>();
    groups.stream().map(SettingGroups.Group::label).sorted()
        .forEach(label -> methodColours.put(label, PALETTE[methodColours.size() % PALETTE.length]));
    List<Path> written = new ArrayList<>();
    XYChart curves = chart("Learning curves", "environment steps", "mean episode return (training)");
    curves.getStyler().setXAxisDecimalPattern("#,##0");
    for (SettingGroups.Group group : groups) {
      for (RunResults run : group.runs()) {
        if (!run.curve().isEmpty()) {
          double[] steps = run.curve().stream().mapToDouble(p -> p[0]).toArray();
          double[] returns = run.curve().stream().mapToDouble(p -> p[1]).toArray();
          XYSeries series = curves.addSeries(run.label(), steps, returns);
          series.setMarker(SeriesMarkers.NONE);
          series.setLineColor(methodColours.get(group.label()));
        }
      }
    }
    if (!curves.getSeriesMap().isEmpty()) {
      written.add(save(curves, directory.resolve(LEARNING_CURVES)));
    }
    Map<String, List<SettingGroups.Group>> byEnv = new LinkedHashMap<>();
    groups.forEach(group -> byEnv.computeIfAbsent(group.env(), env -> new ArrayList<>()).add(group));
    byEnv.forEach((env, ofEnv) -> {
      XYChart chart = methodsVersusEps(env, ofEnv, methodColours);
      if (!chart.getSeriesMap().isEmpty()) {
        written.add(save(chart, directory.resolve("return_vs_eps_" + env.replaceAll("[^A-Za-z0-9._-]", "_")
            + ".png")));
      }
    });
    for (RunResults run : runs) {
      if (run.attacks() != null && run.attacks().evaluations().size() >= 2) {
        written.add(save(attacksVersusEps(run), directory.resolve("return_vs_eps_" + run.directory().getFileName()
            + ".png")));
      }
    }
    return written;
  }

  /** The colour of an attack (by its family) or of the natural return, the same in every plot. */
  private static Color attackColour(String attack) {
    int index = Attacks.NAMES.indexOf(Attacks.family(attack));
    return index < 0 ? Color.BLACK : ATTACK_COLOURS[index % ATTACK_COLOURS.length];
  }

  /** Per method, the strongest attack's return and the natural return (dashed) against ε. */
  private static XYChart methodsVersusEps(String env, List<SettingGroups.Group> groups, Map<String, Color> colours) {
    XYChart chart = chart(env + ": return under the strongest attack (dashed: natural)", epsTitle(),
        "mean episode return");
    for (SettingGroups.Group group : groups) {
      Map<Double, List<AttackResults.AtEps>> byEps = new TreeMap<>();
      for (RunResults run : group.runs()) {
        for (double eps : ReportTable.epsValues(run)) {
          AttackResults.AtEps attacked = ReportTable.attacksAt(run, eps);
          if (attacked != null && attacked.strongest() != null) {
            byEps.computeIfAbsent(eps, e -> new ArrayList<>()).add(attacked);
          }
        }
      }
      if (byEps.isEmpty()) {
        continue;
      }
      String seeds = group.runs().size() > 1 ? " (median of " + group.runs().size() + " seeds)" : "";
      Color colour = colours.get(group.label());
      addSeries(chart, group.label() + seeds, byEps, e -> e.attacks().get(e.strongest()), colour)
          .setMarker(SeriesMarkers.CIRCLE);
      XYSeries natural = addSeries(chart, group.label() + ", natural", byEps, AttackResults.AtEps::natural, colour);
      natural.setLineStyle(SeriesLines.DASH_DASH);
      natural.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /**
   * One point per ε: the one run's mean with its std over the episodes, or the median run's mean (the lower middle
   * one) with the std over the runs' means.
   */
  private static XYSeries addSeries(XYChart chart, String name, Map<Double, List<AttackResults.AtEps>> byEps,
      Function<AttackResults.AtEps, ReturnSummary> summary, Color colour) {
    List<double[]> points = new ArrayList<>();
    byEps.forEach((eps, evaluations) -> {
      List<ReturnSummary> summaries = evaluations.stream().map(summary)
          .sorted(Comparator.comparingDouble(ReturnSummary::mean)).toList();
      if (summaries.size() == 1) {
        points.add(new double[] {eps, summaries.get(0).mean(), summaries.get(0).std()});
      } else {
        double[] means = summaries.stream().mapToDouble(ReturnSummary::mean).toArray();
        points.add(new double[] {eps, means[(means.length - 1) / 2], std(means)});
      }
    });
    return coloured(chart.addSeries(name, column(points, 0), column(points, 1), column(points, 2)), colour);
  }

  /** The run's return under each attack against ε, with the std over the episodes, and the natural return. */
  private static XYChart attacksVersusEps(RunResults run) {
    XYChart chart = chart(run.env() + ", " + run.method() + " (" + run.directory().getFileName()
        + "): return under attack", epsTitle(), "mean episode return");
    Map<String, List<double[]>> byAttack = new TreeMap<>(Comparator.comparingInt(Attacks.NAMES::indexOf));
    List<double[]> natural = new ArrayList<>();
    TreeSet<Double> evaluated = new TreeSet<>();
    for (AttackResults.AtEps e : run.attacks().evaluations()) {
      evaluated.add(e.eps());
      natural.add(new double[] {e.eps(), e.natural().mean(), e.natural().std()});
      for (String attack : e.attacks().keySet().stream().map(Attacks::family).distinct().toList()) {
        // At ε = 0 every attack leaves the observations as they are: each curve starts at the natural return. A
        // trained attack's point is its strongest setting at that ε.
        ReturnSummary strongest = e.attacks().get(e.strongestOf(attack));
        byAttack.computeIfAbsent(attack, k -> new ArrayList<>(evaluated.first() > 0
            ? List.of(new double[] {0, e.natural().mean(), 0}) : List.of()))
            .add(new double[] {e.eps(), strongest.mean(), strongest.std()});
      }
    }
    coloured(chart.addSeries("natural", column(natural, 0), column(natural, 1), column(natural, 2)), Color.BLACK)
        .setLineStyle(SeriesLines.DASH_DASH);
    byAttack.forEach((name, points) -> coloured(chart.addSeries(ReportTable.title(name), column(points, 0),
        column(points, 1), column(points, 2)), attackColour(name)));
    return chart;
  }

  private static XYSeries coloured(XYSeries series, Color colour) {
    series.setLineColor(colour);
    series.setMarkerColor(colour);
    return series;
  }

  private static Path save(XYChart chart, Path file) {
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return file;
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16))
        .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13)).setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15))
        .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14)).setErrorBarsColorSeriesColor(true)
        .setXAxisDecimalPattern("0.#####").setYAxisDecimalPattern("#,##0.#");
    return chart;
  }

  private static String epsTitle() {
    return "ε (ℓ∞ radius, normalized observations)";
  }

  private static double[] column(List<double[]> points, int index) {
    return points.stream().mapToDouble(p -> p[index]).toArray();
  }

  private static double std(double[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
  }
}
