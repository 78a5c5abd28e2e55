package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * The constant zero of a given shape (a recurrent cell's initial state). It reads the network input only to learn the
 * batch size; no bound flows back to it.
 */
public final class ZerosOperator implements BoundedOperator {
  private final Shape shape;

  /** Zeros of {@code shape} (without batch) for every batch element. */
  public ZerosOperator(Shape shape) {
    this.shape = shape;
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    NDArray like = inputs.get(0).lower();
    NDArray zeros = like.getManager().zeros(new Shape(like.getShape().get(0)).addAll(shape), like.getDataType());
    return new Interval(zeros, zeros);
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return new BackwardStep(Arrays.asList((NDArray) null), null);
  }
}
