package org.samdp.agents.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the trainer tests share: a simulated crash and the learning curve a run wrote. */
public final class RunFixtures {
  private RunFixtures() {}

  /** A callback that fails after the given iteration, like a crash between two checkpoints. */
  public static TrainingCallback crashAfter(int iteration) {
    return new TrainingCallback() {
      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport report) {
        if (report.iteration() == iteration) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  /**
   * The metrics rows of a run without the timing column, which differs between runs.
   *
   * @param columns the trainer's metric columns, in order
   */
  public static List<List<String>> curve(Path run, List<String> columns) {
    int sps = columns.indexOf("charts/sps");
    List<List<String>> rows = new ArrayList<>();
    for (String[] row : MetricsCsv.read(run.resolve(RunDirectory.METRICS))) {
      List<String> cells = new ArrayList<>(List.of(row));
      cells.remove(sps);
      rows.add(cells);
    }
    return rows;
  }
}
