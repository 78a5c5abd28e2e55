package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.Scalars;

/**
 * {@code x >= 0 ? x : slope * x}.
 *
 * @param slope the negative-side slope, in {@code [0, 1]}
 */
public record LeakyRelu(double slope) implements ElementwiseLayer {

  /** Checks the slope: the bounds assume a monotone, convex-then-linear activation. */
  public LeakyRelu {
    if (!(slope >= 0 && slope <= 1)) {
      throw new IllegalArgumentException("leaky_relu slope must be in [0, 1], got " + slope);
    }
  }

  @Override
  public String type() {
    return "leaky_relu";
  }

  @Override
  public NDArray forward(NDArray input) {
    return input.maximum(Scalars.mul(input, slope));
  }
}
