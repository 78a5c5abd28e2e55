package org.samdp.agents.run;

/** Saves a checkpoint every {@code every} iterations and at the end of a run that did not fail. */
public final class CheckpointCallback implements TrainingCallback {
  private final int every;

  public CheckpointCallback(int every) {
    if (every <= 0) {
      throw new IllegalArgumentException("checkpoint interval must be positive, got " + every);
    }
    this.every = every;
  }

  @Override
  public void onUpdateEnd(Trainer trainer, IterationReport report) {
    if (report.iteration() % every == 0) {
      trainer.saveCheckpoint();
    }
  }

  @Override
  public void onTrainingEnd(Trainer trainer, Throwable failure) {
    if (failure == null && trainer.iteration() % every != 0) {
      trainer.saveCheckpoint();
    }
  }
}
