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
    return adaptiveSlope(upperSlope(pre));
  }

  @Override
  public Relaxation relax(Interval pre, NDArray parameters) {
    return lines(pre, upperSlope(pre), parameters);
  }

  /** CROWN's relaxation, its upper slope computed once for both lines. */
  @Override
  public Relaxation relax(Interval pre) {
    NDArray upperSlope = upperSlope(pre);
    return lines(pre, upperSlope, adaptiveSlope(upperSlope));
  }

  /** CROWN's lower slope {@code [1, B, ...]}: 1 where the upper line is steeper than 1/2, else 0. */
  private static NDArray adaptiveSlope(NDArray upperSlope) {
    return upperSlope.gt(Scalars.constant(upperSlope, 0.5)).toType(upperSlope.getDataType(), false).expandDims(0);
  }

  private static Relaxation lines(Interval pre, NDArray upperSlope, NDArray parameters) {
    NDArray upperIntercept = pre.lower().minimum(Scalars.constant(pre.lower(), 0)).mul(upperSlope).neg();
    NDArray lowerSlope = parameters.get(0);
    return new Relaxation(lowerSlope, lowerSlope.zerosLike(), upperSlope, upperIntercept);
  }

  @Override
  public NDArray project(NDArray parameters, Interval pre) {
    return parameters.clip(0, 1);
  }

  /** {@code u⁺ / (u⁺ - l⁻)}, 1 for active and 0 for dead neurons (auto_LiRPA's formula, 1e-8 guard included). */
  private static NDArray upperSlope(Interval pre) {
    NDArray l = pre.lower().minimum(Scalars.constant(pre.lower(), 0));
    NDArray u = Scalars.relu(pre.upper()).maximum(l.add(Scalars.constant(l, 1e-8)));
    return u.div(u.sub(l));
  }
}
