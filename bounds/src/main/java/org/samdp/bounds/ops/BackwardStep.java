package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The result of moving linear bounds back through one operator: {@code A·output >= Σ_k A_k·input_k + bias}.
 *
 * @param inputCoefficients one coefficient array per operator input, {@code [b, R, ...inputShape]}
 * @param bias the constant term {@code [b, R]}, or null when the operator adds none
 */
public record BackwardStep(List<NDArray> inputCoefficients, NDArray bias) {

  /** A step to a single input without a constant term. */
  public static BackwardStep of(NDArray coefficients) {
    return new BackwardStep(List.of(coefficients), null);
  }
}
