package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A fully connected layer {@code y = W x + b} in PyTorch layout.
 *
 * @param weight {@code [out, in]}
 * @param bias {@code [out]}
 */
public record Linear(NDArray weight, NDArray bias) implements Layer {

  /** Checks that the weight is a matrix and the bias matches its rows. */
  public Linear {
    Shape w = weight.getShape();
    if (w.dimension() != 2 || !bias.getShape().equals(new Shape(w.get(0)))) {
      throw new IllegalArgumentException(
          "linear layer needs weight [out, in] and bias [out], got weight " + w + " and bias " + bias.getShape());
    }
  }

  /** Number of input features. */
  public long inFeatures() {
    return weight.getShape().get(1);
  }

  /** Number of output features. */
  public long outFeatures() {
    return weight.getShape().get(0);
  }

  @Override
  public String type() {
    return "linear";
  }

  @Override
  public NDArray forward(NDArray input) {
    return ai.djl.nn.core.Linear.linear(input, weight, bias).singletonOrThrow();
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.dimension() != 1 || inputShape.get(0) != inFeatures()) {
      throw new IllegalArgumentException("expects input [" + inFeatures() + "] but gets " + inputShape);
    }
    return new Shape(outFeatures());
  }

  @Override
  public List<NDArray> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Linear(mapping.apply(weight), mapping.apply(bias));
  }
}
