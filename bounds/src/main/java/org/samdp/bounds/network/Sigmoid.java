package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Element-wise logistic sigmoid {@code 1 / (1 + exp(-x))}. */
public record Sigmoid() implements ElementwiseLayer {

  @Override
  public String type() {
    return "sigmoid";
  }

  @Override
  public NDArray forward(NDArray input) {
    return Activation.sigmoid(input);
  }
}
