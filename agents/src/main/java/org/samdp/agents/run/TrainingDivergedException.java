package org.samdp.agents.run;

import java.nio.file.Path;

/** A loss became NaN or infinite: training stops, naming the iteration and the last good checkpoint. */
public final class TrainingDivergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String what, int iteration, Path lastCheckpoint) {
    super(what + " became NaN or infinite in iteration " + iteration + "; "
        + (lastCheckpoint == null ? "no checkpoint was saved before it"
            : "the last good checkpoint is " + lastCheckpoint)
        + " (lower the learning rates or the regulariser weight, then resume or restart)");
  }
}
