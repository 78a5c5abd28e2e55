package org.samdp.agents.run;

/**
 * Hooks into a training loop; every method does nothing unless overridden. Checkpointing, metrics files, progress and
 * early stopping are callbacks, not parts of the trainers.
 */
public interface TrainingCallback {

  /** After the rollout of an iteration, before the update. */
  default void onRolloutEnd(Trainer trainer) {}

  /** After the update of an iteration, with its metrics. */
  default void onUpdateEnd(Trainer trainer, IterationReport report) {}

  /** When training ends (finished, stopped early, or failed: {@code failure} non-null). */
  default void onTrainingEnd(Trainer trainer, Throwable failure) {}
}
