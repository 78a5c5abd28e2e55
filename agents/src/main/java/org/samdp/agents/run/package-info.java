/**
 * Run directories and the hooks of a training loop: the resolved config and provenance of a run, metrics as CSV
 * with stable namespaced columns ({@code charts/episodic_return}, {@code losses/approx_kl}, ...), checkpoints written
 * atomically with a {@code latest} pointer, {@link org.samdp.agents.run.TrainingCallback}s (checkpointing, metrics,
 * progress, early stopping) with no-op defaults, and {@link org.samdp.agents.run.TrainerBase}, the loop, counters,
 * checkpoint layout and start/resume that every trainer shares, with its evaluation during training and best
 * checkpoint; metrics also as TensorBoard event files ({@link org.samdp.agents.run.TensorBoardLog}).
 */
package org.samdp.agents.run;
