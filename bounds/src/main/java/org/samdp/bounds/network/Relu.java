package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.Scalars;

/** {@code max(x, 0)}. */
public record Relu() implements ElementwiseLayer {

  @Override
  public String type() {
    return "relu";
  }

  @Override
  public NDArray forward(NDArray input) {
    return Scalars.relu(input);
  }
}
