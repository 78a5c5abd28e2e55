package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.samdp.bounds.network.Linear;

/** Bounds of {@code y = W x + b}. */
public final class LinearOperator implements BoundedOperator {
  private final Linear layer;

  /** Bounds the given layer, sharing its arrays. */
  public LinearOperator(Linear layer) {
    this.layer = layer;
  }

  /** The weight {@code [out, in]}. */
  public NDArray weight() {
    return layer.weight();
  }

  /** The bias {@code [out]}. */
  public NDArray bias() {
    return layer.bias();
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    NDArray mid = layer.forward(in.mid());
    NDArray radius = in.radius().matMul(layer.weight().abs().transpose());
    return new Interval(mid.sub(radius), mid.add(radius));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return new BackwardStep(List.of(coefficients.matMul(layer.weight())), coefficients.matMul(layer.bias()));
  }
}
