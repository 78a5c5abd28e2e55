package org.samdp.agents.run;

/**
 * Writes each iteration's metrics: a row of a {@link MetricsCsv} and, under the same names, an event of a
 * {@link TensorBoardLog} at the iteration's global step.
 */
public final class MetricsCallback implements TrainingCallback {
  private final MetricsCsv csv;
  private final TensorBoardLog tensorBoard;

  public MetricsCallback(MetricsCsv csv, TensorBoardLog tensorBoard) {
    this.csv = csv;
    this.tensorBoard = tensorBoard;
  }

  @Override
  public void onUpdateEnd(Trainer trainer, IterationReport report) {
    csv.append(report.metrics());
    tensorBoard.scalars(report.globalStep(), report.metrics());
  }
}
