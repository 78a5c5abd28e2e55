package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Bounds of {@code x + y} over feature vectors, where an input with a single feature is broadcast over the other's
 * features (the value stream of a dueling head).
 */
public final class AddOperator implements BoundedOperator {
  private final boolean[] broadcast;

  /** Adds inputs with {@code firstFeatures} and {@code secondFeatures} features (equal, or one of them 1). */
  public AddOperator(long firstFeatures, long secondFeatures) {
    if (firstFeatures != secondFeatures && firstFeatures != 1 && secondFeatures != 1) {
      throw new IllegalArgumentException("cannot add " + firstFeatures + " features to " + secondFeatures);
    }
    long out = Math.max(firstFeatures, secondFeatures);
    this.broadcast = new boolean[] {firstFeatures != out, secondFeatures != out};
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval x = inputs.get(0);
    Interval y = inputs.get(1);
    return new Interval(x.lower().add(y.lower()), x.upper().add(y.upper()));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return new BackwardStep(List.of(toInput(coefficients, 0), toInput(coefficients, 1)), null);
  }

  /** A broadcast input receives the sum of the coefficients of all the features it was added to. */
  private NDArray toInput(NDArray coefficients, int input) {
    return broadcast[input] ? coefficients.sum(new int[] {2}, true) : coefficients;
  }
}
