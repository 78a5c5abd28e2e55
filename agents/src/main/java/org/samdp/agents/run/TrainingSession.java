package org.samdp.agents.run;

/** A trainer that a command line can drive: train to the end, then close. */
public interface TrainingSession extends Trainer, AutoCloseable {

  /** Trains until the configured number of steps, or until a callback asks to stop. */
  void train();

  /** Deterministic evaluation episodes the run's configuration asks for at the end (0: none). */
  int evaluationEpisodes();

  /** The run's seed. */
  long seed();

  /** Why training stopped before its configured end ({@link #requestStop}), or null. */
  String stopReason();

  /** Releases environments and arrays. */
  @Override
  void close();
}
