package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Bounds of a flatten: a reshape in both directions. */
public final class FlattenOperator implements BoundedOperator {
  private final Shape inputShape;

  /** Bounds a flatten of inputs of {@code inputShape}. */
  public FlattenOperator(Shape inputShape) {
    this.inputShape = inputShape;
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    long batch = in.lower().getShape().get(0);
    return new Interval(in.lower().reshape(batch, -1), in.upper().reshape(batch, -1));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    Shape shape = coefficients.getShape();
    return BackwardStep.of(coefficients.reshape(new Shape(shape.get(0), shape.get(1)).addAll(inputShape)));
  }
}
