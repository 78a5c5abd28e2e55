package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One layer of a {@link Network}. Inputs and outputs carry a leading batch axis; shapes passed to
 * {@link #outputShape} do not.
 */
public interface Layer {

  /** The layer's type as written in the reference JSON format, e.g. {@code "linear"}. */
  String type();

  /** The plain forward pass; differentiable under a DJL {@code GradientCollector}. */
  NDArray forward(NDArray input);

  /**
   * The output shape (without batch) for an input of {@code inputShape}.
   *
   * @throws IllegalArgumentException if the layer cannot take such an input
   */
  Shape outputShape(Shape inputShape);

  /** The trainable arrays of this layer, in a fixed order (empty for parameter-free layers). */
  default List<NDArray> parameters() {
    return List.of();
  }

  /** The same layer over parameters mapped by {@code mapping} (e.g. detached or duplicated copies). */
  default Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return this;
  }
}
