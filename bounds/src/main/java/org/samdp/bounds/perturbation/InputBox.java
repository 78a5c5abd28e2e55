package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.ops.Interval;

/** Explicit per-dimension bounds {@code lower <= x <= upper}; the nominal input is the box midpoint. */
public final class InputBox implements Perturbation {
  private final Interval box;

  /**
   * A box from element-wise bounds of equal shape {@code [B, ...shape]}.
   *
   * @throws IllegalArgumentException on NaN, mismatched shapes or {@code lower > upper}
   */
  public InputBox(NDArray lower, NDArray upper) {
    if (!lower.getShape().equals(upper.getShape())) {
      throw new IllegalArgumentException(
          "box bounds must have equal shapes, got " + lower.getShape() + " and " + upper.getShape());
    }
    Inputs.requireNoNaN(lower, "box lower bound");
    Inputs.requireNoNaN(upper, "box upper bound");
    if (lower.gt(upper).any().getBoolean()) {
      throw new IllegalArgumentException("box needs lower <= upper everywhere");
    }
    this.box = new Interval(lower, upper);
  }

  @Override
  public NDArray center() {
    return box.mid();
  }

  @Override
  public Interval box() {
    return box;
  }

  @Override
  public NDArray concretizeLower(NDArray coefficients) {
    return box.concretizeLower(coefficients);
  }
}
