package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The shared base of element-wise monotone activations. A subclass states only its relaxation, as a function of free
 * parameters (ReLU's lower slope, the tangent points of tanh/sigmoid) that CROWN fixes heuristically and α-CROWN
 * optimises; this base turns it into interval and backward propagation.
 */
public abstract class ActivationOperator implements BoundedOperator {

  /** The activation itself. */
  protected abstract NDArray apply(NDArray x);

  /**
   * CROWN's choice of the relaxation parameters, {@code [P, B, ...shape]} (P parameters per neuron).
   *
   * @param pre pre-activation bounds {@code [B, ...shape]}
   */
  public abstract NDArray initialParameters(Interval pre);

  /**
   * The relaxation for given parameters. {@code pre} and {@code parameters.get(p)} broadcast against each other:
   * {@code [B, ...shape]} for CROWN, {@code [B, 1, ...shape]} and {@code [B, R, ...shape]} for α-CROWN.
   */
  public abstract Relaxation relax(Interval pre, NDArray parameters);

  /** The parameters moved to the nearest point where the relaxation is still sound. */
  public abstract NDArray project(NDArray parameters, Interval pre);

  /** CROWN's relaxation. */
  public Relaxation relax(Interval pre) {
    return relax(pre, initialParameters(pre));
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    return new Interval(apply(in.lower()), apply(in.upper()));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return backward(coefficients, relax(inputBounds.get(0)));
  }

  /**
   * Moves lower bounds back through a relaxed activation: positive coefficients take the lower line, negative ones
   * the upper line.
   */
  public static BackwardStep backward(NDArray coefficients, Relaxation relaxation) {
    boolean perRow = relaxation.lowerSlope().getShape().dimension() == coefficients.getShape().dimension();
    NDArray lowerSlope = perRow ? relaxation.lowerSlope() : relaxation.lowerSlope().expandDims(1);
    NDArray upperSlope = perRow ? relaxation.upperSlope() : relaxation.upperSlope().expandDims(1);
    NDArray lowerIntercept = perRow ? relaxation.lowerIntercept() : relaxation.lowerIntercept().expandDims(1);
    NDArray upperIntercept = perRow ? relaxation.upperIntercept() : relaxation.upperIntercept().expandDims(1);
    NDArray positive = coefficients.maximum(0);
    // A⁺·s_l + A⁻·s_u written as A·s_u + A⁺·(s_l - s_u): one fewer full-size product.
    NDArray input = coefficients.mul(upperSlope).add(positive.mul(lowerSlope.sub(upperSlope)));
    NDArray constant = coefficients.mul(upperIntercept).add(positive.mul(lowerIntercept.sub(upperIntercept)));
    return new BackwardStep(List.of(input), Interval.flattenFeatures(constant).sum(new int[] {2}));
  }
}
