package org.samdp.agents.optim;

import java.util.List;

/**
 * Everything {@link Adam} needs to continue exactly where it stopped.
 *
 * @param step steps taken (bias correction depends on it)
 * @param learningRate the learning rate of the last step
 * @param firstMoments {@code m} per parameter, flattened
 * @param secondMoments {@code v} per parameter, flattened
 */
public record AdamState(long step, double learningRate, List<float[]> firstMoments, List<float[]> secondMoments) {

  /** Copies the lists. */
  public AdamState {
    firstMoments = List.copyOf(firstMoments);
    secondMoments = List.copyOf(secondMoments);
  }
}
