package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An operator the bound engine can bound: interval propagation (IBP) and backward propagation of linear bounds
 * (CROWN). Backward propagation always produces <em>lower</em> bounds of the given linear functions; upper bounds are
 * lower bounds of the negated functions.
 */
public interface BoundedOperator {

  /** Element-wise output bounds from element-wise input bounds. */
  Interval propagateInterval(List<Interval> inputs);

  /**
   * Rewrites linear functions of the output as lower bounds in terms of the inputs.
   *
   * @param coefficients {@code [b, R, ...outputShape]}
   * @param inputBounds bounds of every input, needed by nonlinear operators
   */
  BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds);

  /** Whether {@link #propagateBackward} relaxes around the input bounds (so the engine must bound the inputs). */
  default boolean needsInputBounds() {
    return false;
  }
}
