package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.Scalars;

/**
 * ReLU: upper line through {@code (l, 0)} and {@code (u, u)}; lower line {@code α·x}, any {@code α ∈ [0, 1]} being
 * sound, CROWN's adaptive choice {@code α = 1 if u > -l else 0}.
 */
public final class ReluOperator extends ActivationOperator {

  @Override
  protected NDArray apply(NDArray x) {
    return Scalars.relu(x);
  }

  @Override
  public NDArray initialParameters(Interval pre) {
    return upperSlope(pre).gt(0.5).toType(pre.lower().getDataType(), false).expandDims(0);
  }

  @Override
  public Relaxation relax(Interval pre, NDArray parameters) {
    NDArray upperSlope = upperSlope(pre);
    NDArray upperIntercept = Scalars.minimum(pre.lower(), 0).mul(upperSlope).neg();
    NDArray lowerSlope = parameters.get(0);
    return new Relaxation(lowerSlope, lowerSlope.zerosLike(), upperSlope, upperIntercept);
  }

  @Override
  public NDArray project(NDArray parameters, Interval pre) {
    return parameters.clip(0, 1);
  }

  /** {@code u⁺ / (u⁺ - l⁻)}, 1 for active and 0 for dead neurons (auto_LiRPA's formula, 1e-8 guard included). */
  private static NDArray upperSlope(Interval pre) {
    NDArray l = Scalars.minimum(pre.lower(), 0);
    NDArray u = Scalars.relu(pre.upper()).maximum(l.add(1e-8));
    return u.div(u.sub(l));
  }
}
