package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.Scalars;

/** tanh, relaxed by {@link SigmoidalOperator}. */
public final class TanhOperator extends SigmoidalOperator {
  private static final TangentTable TABLE = new TangentTable(Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x));

  /** A tanh operator (the tangent table is built once per JVM). */
  public TanhOperator() {
    super(TABLE);
  }

  @Override
  protected NDArray apply(NDArray x) {
    return x.tanh();
  }

  @Override
  protected NDArray derivativeFromValue(NDArray y) {
    return y.square().neg().add(Scalars.constant(y, 1));
  }
}
