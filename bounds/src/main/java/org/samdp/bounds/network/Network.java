package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A feed-forward network: an input shape and a list of layers applied in order. The layers hold the parameter arrays
 * themselves, so a training loop and the bound engine built from the same network see the same weights.
 */
public final class Network {
  private final Shape inputShape;
  private final List<Layer> layers;
  private final Shape outputShape;

  /**
   * A network over inputs of {@code inputShape} (without batch).
   *
   * @throws IllegalArgumentException naming the first layer whose input shape does not fit, or a parameter with NaN
   */
  public Network(Shape inputShape, List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    this.inputShape = inputShape;
    this.layers = List.copyOf(layers);
    this.outputShape = outputShape(this.layers, inputShape, "");
    for (int i = 0; i < this.layers.size(); i++) {
      List<NDArray> params = this.layers.get(i).parameters();
      for (int p = 0; p < params.size(); p++) {
        if (params.get(p).isNaN().any().getBoolean()) {
          throw new IllegalArgumentException(
              describe(i, this.layers.get(i), "") + ": parameter " + p + " " + params.get(p).getShape()
                  + " contains NaN");
        }
      }
    }
  }

  /** A builder of randomly initialised networks. */
  public static NetworkBuilder builder(Shape inputShape) {
    return new NetworkBuilder(inputShape);
  }

  /** The input shape without the batch axis. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The output shape without the batch axis. */
  public Shape outputShape() {
    return outputShape;
  }

  /** The layers in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** Every trainable array, layer by layer, for an optimiser. */
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>();
    layers.forEach(layer -> all.addAll(layer.parameters()));
    return all;
  }

  /** The same architecture over mapped parameters, e.g. {@code NDArray::stopGradient} for a frozen view. */
  public Network mapParameters(UnaryOperator<NDArray> mapping) {
    return new Network(inputShape, layers.stream().map(layer -> layer.mapParameters(mapping)).toList());
  }

  /**
   * The plain forward pass of a batch {@code [B, ...inputShape]}; differentiable under a GradientCollector.
   *
   * @throws IllegalArgumentException if the input does not have shape {@code [B, ...inputShape]}
   */
  public NDArray forward(NDArray input) {
    Shape shape = input.getShape();
    if (shape.dimension() != inputShape.dimension() + 1 || !shape.slice(1).equals(inputShape)) {
      throw new IllegalArgumentException("network expects input [batch, " + inputShape + "] but got " + shape);
    }
    return forward(layers, input);
  }

  static NDArray forward(List<Layer> layers, NDArray input) {
    NDArray x = input;
    for (Layer layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }

  static Shape outputShape(List<Layer> layers, Shape inputShape, String where) {
    Shape shape = inputShape;
    for (int i = 0; i < layers.size(); i++) {
      try {
        shape = layers.get(i).outputShape(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(describe(i, layers.get(i), where) + ": " + e.getMessage(), e);
      }
    }
    return shape;
  }

  /** How errors name a layer: its position and type, e.g. {@code layer 2 (linear)}. */
  public static String describe(int index, Layer layer, String where) {
    return where + "layer " + index + " (" + layer.type() + ")";
  }

  @Override
  public String toString() {
    return "Network" + inputShape + " " + layers.stream().map(Layer::type).toList() + " -> " + outputShape;
  }
}
