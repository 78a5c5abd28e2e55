package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An operator whose relaxation has free parameters per output neuron (ReLU lower slopes, tanh/sigmoid tangent points,
 * the plane weights of a product): CROWN fixes them, α-CROWN optimises them per bound row.
 */
public interface OptimizableOperator extends BoundedOperator {

  /**
   * CROWN's choice of the parameters, {@code [P, B, ...shape]} (P parameters per neuron).
   *
   * @param inputBounds bounds of every input, {@code [B, ...inputShape]}
   */
  NDArray initialParameters(List<Interval> inputBounds);

  /**
   * The parameters moved to the nearest point where the relaxation is still sound.
   *
   * @param parameters {@code [P, B, R, ...shape]}
   * @param inputBounds bounds of every input with a rows axis, {@code [B, 1, ...inputShape]}
   */
  NDArray project(NDArray parameters, List<Interval> inputBounds);

  /**
   * The backward step with every bound row's own parameters.
   *
   * @param parameters {@code [P, B, R, ...shape]}
   * @param inputBounds bounds of every input with a rows axis, {@code [B, 1, ...inputShape]}
   */
  BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds, NDArray parameters);
}
