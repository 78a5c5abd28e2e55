package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code [C, H, W] -> [C*H*W]} in row-major order, like {@code torch.flatten(x, 1)}. */
public record Flatten() implements Layer {

  @Override
  public String type() {
    return "flatten";
  }

  @Override
  public NDArray forward(NDArray input) {
    return input.reshape(input.getShape().get(0), -1);
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    return new Shape(inputShape.size());
  }
}
