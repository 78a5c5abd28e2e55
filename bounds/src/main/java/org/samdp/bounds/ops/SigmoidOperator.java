package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.samdp.bounds.Scalars;

/** The logistic sigmoid, relaxed by {@link SigmoidalOperator}. */
public final class SigmoidOperator extends SigmoidalOperator {
  private static final TangentTable TABLE = new TangentTable(SigmoidOperator::sigmoid, x -> {
    double s = sigmoid(x);
    return s * (1 - s);
  });

  /** A sigmoid operator (the tangent table is built once per JVM). */
  public SigmoidOperator() {
    super(TABLE);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Override
  protected NDArray apply(NDArray x) {
    return Activation.sigmoid(x);
  }

  @Override
  protected NDArray derivativeFromValue(NDArray y) {
    return y.mul(y.neg().add(Scalars.constant(y, 1)));
  }
}
