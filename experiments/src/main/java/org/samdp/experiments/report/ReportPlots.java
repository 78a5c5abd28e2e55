package org.samdp.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.experiments.runs.AttackResults;

/**
 * The report's PNG plots: learning curves of all runs in one chart, and for each run evaluated at several ε its
 * return against ε under each attack (with the natural return for reference). Each file is written atomically.
 */
public final class ReportPlots {
  /** The learning curves' file name. */
  public static final String LEARNING_CURVES = "learning_curves.png";

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private ReportPlots() {}

  /**
   * Writes the plots into {@code directory} and returns their files.
   *
   * @return the files written, in order
   */
  public static List<Path> write(List<RunResults> runs, Path directory) {
    // Charts are drawn off screen; no display is needed (or wanted) on a server.
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    XYChart curves = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning curves")
        .xAxisTitle("environment steps").yAxisTitle("mean episode return (training)").build();
    for (RunResults run : runs) {
      if (!run.curve().isEmpty()) {
        double[] steps = run.curve().stream().mapToDouble(p -> p[0]).toArray();
        double[] returns = run.curve().stream().mapToDouble(p -> p[1]).toArray();
        curves.addSeries(run.label(), steps, returns).setMarker(SeriesMarkers.NONE);
      }
    }
    if (!curves.getSeriesMap().isEmpty()) {
      written.add(save(curves, directory.resolve(LEARNING_CURVES)));
    }
    for (RunResults run : runs) {
      if (run.attacks() != null && run.attacks().evaluations().size() >= 2) {
        written.add(save(returnVersusEps(run), directory.resolve("return_vs_eps_" + run.directory().getFileName()
            + ".png")));
      }
    }
    return written;
  }

  private static XYChart returnVersusEps(RunResults run) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(run.env() + ", " + run.method() + ": return under attack").xAxisTitle("ε (ℓ∞, normalized observations)")
        .yAxisTitle("mean episode return").build();
    Map<String, List<double[]>> byAttack = new TreeMap<>();
    List<double[]> natural = new ArrayList<>();
    for (AttackResults.AtEps e : run.attacks().evaluations()) {
      natural.add(new double[] {e.eps(), e.natural().mean()});
      for (String attack : e.attacks().keySet().stream().map(Attacks::family).distinct().toList()) {
        // At ε = 0 every attack leaves the observations as they are: each curve starts at the natural return. A
        // trained attack's point is its strongest setting at that ε.
        byAttack.computeIfAbsent(attack, k -> new ArrayList<>(List.of(new double[] {0, e.natural().mean()})))
            .add(new double[] {e.eps(), e.attacks().get(e.strongestOf(attack)).mean()});
      }
    }
    addSeries(chart, "natural", natural);
    byAttack.forEach((name, points) -> addSeries(chart, ReportTable.title(name), points));
    return chart;
  }

  private static void addSeries(XYChart chart, String name, List<double[]> points) {
    chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray());
  }

  private static Path save(XYChart chart, Path file) {
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return file;
  }
}
