package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.samdp.bounds.Scalars;

/**
 * LeakyReLU with negative slope {@code s}: exact on stable neurons; on unstable ones the upper line through
 * {@code (l, s·l)} and {@code (u, u)} with slope {@code k}, the lower line {@code α·x} with {@code α ∈ [s, 1]}, CROWN's
 * choice {@code α = 1 if k > 0.5 else s}.
 */
public final class LeakyReluOperator extends ActivationOperator {
  private final double slope;

  /** Bounds a leaky ReLU with negative slope {@code slope}. */
  public LeakyReluOperator(double slope) {
    this.slope = slope;
  }

  @Override
  public boolean relaxesLike(ActivationOperator other) {
    return other instanceof LeakyReluOperator leaky && leaky.slope == slope;
  }

  @Override
  protected NDArray apply(NDArray x) {
    return x.maximum(Scalars.mul(x, slope));
  }

  @Override
  public NDArray initialParameters(Interval pre) {
    NDArray adaptive = NDArrays.where(chordSlope(pre).gt(0.5), pre.lower().onesLike(), constant(pre, slope));
    return stable(pre, adaptive).expandDims(0);
  }

  @Override
  public Relaxation relax(Interval pre, NDArray parameters) {
    NDArray l = pre.lower();
    NDArray k = chordSlope(pre);
    NDArray unstable = l.lt(0).logicalAnd(pre.upper().gt(0));
    NDArray upperIntercept = NDArrays.where(unstable, Scalars.mul(l, slope).sub(k.mul(l)), l.zerosLike());
    NDArray lowerSlope = parameters.get(0);
    return new Relaxation(lowerSlope, lowerSlope.zerosLike(), stable(pre, k), upperIntercept);
  }

  @Override
  public NDArray project(NDArray parameters, Interval pre) {
    return parameters.clip(slope, 1);
  }

  /** {@code unstableValue} where the neuron is unstable, else the exact slope of the stable side. */
  private NDArray stable(Interval pre, NDArray unstableValue) {
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    return NDArrays.where(u.lte(0), constant(pre, slope), NDArrays.where(l.gte(0), l.onesLike(), unstableValue));
  }

  private NDArray chordSlope(Interval pre) {
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    return u.sub(Scalars.mul(l, slope)).div(Scalars.maximum(u.sub(l), 1e-8));
  }

  private static NDArray constant(Interval pre, double value) {
    return pre.lower().zerosLike().add(value);
  }
}
