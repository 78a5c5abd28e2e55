package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Bounds of a slice {@code [start, end)} along one axis: a gate block of a recurrent cell's pre-activations, or (with
 * the axis dropped) one time step of a sequence. Backward, the coefficients are padded with zeros to the input shape.
 */
public final class SliceOperator implements BoundedOperator {
  private final Shape inputShape;
  private final int axis;
  private final long start;
  private final long end;
  private final boolean dropAxis;

  /**
   * @param inputShape the input shape without batch
   * @param axis the sliced axis, counted without batch
   * @param start first index taken
   * @param end one past the last index taken
   * @param dropAxis whether the axis is removed (then {@code end == start + 1})
   */
  public SliceOperator(Shape inputShape, int axis, long start, long end, boolean dropAxis) {
    if (axis < 0 || axis >= inputShape.dimension() || start < 0 || end > inputShape.get(axis) || start >= end
        || (dropAxis && end != start + 1)) {
      throw new IllegalArgumentException("cannot take [" + start + ", " + end + ") of axis " + axis + " of "
          + inputShape + (dropAxis ? " dropping the axis" : ""));
    }
    this.inputShape = inputShape;
    this.axis = axis;
    this.start = start;
    this.end = end;
    this.dropAxis = dropAxis;
  }

  /** One time step {@code t} of sequences {@code [T, F]}, as {@code [F]}. */
  public static SliceOperator timeStep(Shape sequenceShape, long t) {
    return new SliceOperator(sequenceShape, 0, t, t + 1, true);
  }

  /** Block {@code k} of {@code blocks} equal blocks of feature vectors {@code [blocks·n]}, as {@code [n]}. */
  public static SliceOperator block(long features, int blocks, int k) {
    long size = features / blocks;
    return new SliceOperator(new Shape(features), 0, k * size, (k + 1) * size, false);
  }

  /** The output shape without batch. */
  public Shape outputShape() {
    Shape before = inputShape.slice(0, axis);
    Shape after = inputShape.slice(axis + 1);
    return dropAxis ? before.addAll(after) : before.add(end - start).addAll(after);
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    return new Interval(take(in.lower()), take(in.upper()));
  }

  private NDArray take(NDArray batch) {
    String index = ":, ".repeat(axis + 1) + (dropAxis ? String.valueOf(start) : start + ":" + end);
    return batch.get(index);
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    int full = axis + 2;
    NDArray taken = dropAxis ? coefficients.expandDims(full) : coefficients;
    Shape shape = taken.getShape();
    NDList parts = new NDList();
    if (start > 0) {
      parts.add(taken.getManager().zeros(Shape.update(shape, full, start), taken.getDataType()));
    }
    parts.add(taken);
    if (end < inputShape.get(axis)) {
      parts.add(taken.getManager().zeros(Shape.update(shape, full, inputShape.get(axis) - end), taken.getDataType()));
    }
    return BackwardStep.of(parts.size() == 1 ? taken : NDArrays.concat(parts, full));
  }
}
