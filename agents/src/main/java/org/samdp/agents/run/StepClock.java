package org.samdp.agents.run;

/**
 * Env steps per second of a training run, timed from the end of its first iteration at or after a given step (so that
 * start-up and warm-up stay out of it) to the end of its last.
 */
public final class StepClock implements TrainingCallback {
  private final long fromStep;
  private long startSteps = -1;
  private long startNanos;
  private long endSteps;
  private long endNanos;

  /** Starts timing at the end of the first iteration whose global step is at least {@code fromStep}. */
  public StepClock(long fromStep) {
    this.fromStep = fromStep;
  }

  @Override
  public void onUpdateEnd(Trainer trainer, IterationReport report) {
    long now = System.nanoTime();
    if (startSteps < 0 && report.globalStep() >= fromStep) {
      startSteps = report.globalStep();
      startNanos = now;
    }
    endSteps = report.globalStep();
    endNanos = now;
  }

  /** The timed steps. */
  public long steps() {
    return endSteps - startSteps;
  }

  /** The timed steps per second. */
  public double stepsPerSecond() {
    return steps() / ((endNanos - startNanos) / 1e9);
  }
}
