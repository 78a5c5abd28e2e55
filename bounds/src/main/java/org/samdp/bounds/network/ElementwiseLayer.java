package org.samdp.bounds.network;

import ai.djl.ndarray.types.Shape;

/** A parameter-free layer applied element by element: the output has the input's shape. */
public interface ElementwiseLayer extends Layer {

  @Override
  default Shape outputShape(Shape inputShape) {
    return inputShape;
  }
}
