package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;

/** Element-wise hyperbolic tangent. */
public record Tanh() implements ElementwiseLayer {

  @Override
  public String type() {
    return "tanh";
  }

  @Override
  public NDArray forward(NDArray input) {
    return input.tanh();
  }
}
