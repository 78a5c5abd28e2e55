package org.samdp.agents.run;

/** Appends each iteration's metrics to a {@link MetricsCsv}. */
public final class MetricsCallback implements TrainingCallback {
  private final MetricsCsv csv;

  public MetricsCallback(MetricsCsv csv) {
    this.csv = csv;
  }

  @Override
  public void onUpdateEnd(Trainer trainer, IterationReport report) {
    csv.append(report.metrics());
  }
}
