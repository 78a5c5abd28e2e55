package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Bounds of {@code 1 − x} (a GRU's {@code 1 − z}, a node of its own so that its bounds are computed). */
public final class OneMinusOperator implements BoundedOperator {

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    return new Interval(in.upper().neg().add(1), in.lower().neg().add(1));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    // A·(1 − x) = −A·x + Σ A.
    return new BackwardStep(List.of(coefficients.neg()), Interval.flattenFeatures(coefficients).sum(new int[] {2}));
  }
}
