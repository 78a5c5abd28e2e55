package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.samdp.bounds.Scalars;

/**
 * The shared relaxation of S-shaped activations (tanh, sigmoid): a chord where it is sound, otherwise a tangent. The
 * two parameters per neuron are the tangent points of the lower and the upper line; CROWN takes the midpoint on
 * one-sided intervals and the precomputed {@link TangentTable} points on intervals around 0.
 */
public abstract class SigmoidalOperator extends ActivationOperator {
  private final TangentTable table;

  /** A sigmoidal operator whose tangent table was built for its function. */
  SigmoidalOperator(TangentTable table) {
    this.table = table;
  }

  /** The derivative {@code f'(x)} written in terms of the value {@code y = f(x)} (saves re-evaluating f). */
  protected abstract NDArray derivativeFromValue(NDArray y);

  @Override
  public NDArray initialParameters(Interval pre) {
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    NDArray middle = Scalars.div(l.add(u), 2);
    NDArray lowerPoint = NDArrays.where(u.lte(0), middle, table.lowerPoint(l, u));
    NDArray upperPoint = NDArrays.where(l.gte(0), middle, table.upperPoint(l, u));
    return NDArrays.stack(new NDList(lowerPoint, upperPoint));
  }

  @Override
  public Relaxation relax(Interval pre, NDArray parameters) {
    // Bounds computed by two rounded passes can cross by a few ulps when the true interval is a point.
    NDArray l = pre.lower().minimum(pre.upper());
    NDArray u = pre.lower().maximum(pre.upper());
    NDArray fl = apply(l);
    NDArray fu = apply(u);
    Relaxation lines = chordOrTangent(l, u, fl, fu, parameters);
    // On an interval narrower than the square root of the rounding unit, f(u) - f(l) is mostly rounding error and the
    // chord's slope is noise that the backward pass multiplies into every earlier layer. There both lines take the
    // smallest slope m of f on [l, u] (at an end, f' being unimodal with its peak at 0): f(l) + m·(x - l) below f
    // and f(u) + m·(x - u) above it, sound on any interval and apart by only O(f''·(u - l)^2).
    NDArray narrow = u.sub(l).lte(l.abs().maximum(u.abs()).maximum(1).mul(Math.sqrt(ulpOfOne(l))));
    NDArray slope = derivativeFromValue(fl).minimum(derivativeFromValue(fu));
    NDArray lowerIntercept = fl.sub(slope.mul(l));
    NDArray upperIntercept = fu.sub(slope.mul(u));
    return new Relaxation(
        NDArrays.where(narrow, slope, lines.lowerSlope()),
        NDArrays.where(narrow, lowerIntercept, lines.lowerIntercept()),
        NDArrays.where(narrow, slope, lines.upperSlope()),
        NDArrays.where(narrow, upperIntercept, lines.upperIntercept()));
  }

  /** The machine epsilon of the data type of {@code x}. */
  private static double ulpOfOne(NDArray x) {
    return x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
  }

  /** The chord where it is sound, otherwise the tangent at the given point. */
  private Relaxation chordOrTangent(NDArray l, NDArray u, NDArray fl, NDArray fu, NDArray parameters) {
    NDArray chordSlope = fu.sub(fl).div(Scalars.maximum(u.sub(l), 1e-8));
    NDArray chordIntercept = fl.sub(chordSlope.mul(l));
    NDArray negative = u.lte(0);
    NDArray positive = l.gte(0);
    NDArray lowerChord = positive.logicalOr(negative.logicalNot().logicalAnd(chordSlope.lt(derivativeFromValue(fl))));
    NDArray upperChord = negative.logicalOr(positive.logicalNot().logicalAnd(chordSlope.lt(derivativeFromValue(fu))));
    NDArray lowerPoint = parameters.get(0);
    NDArray upperPoint = parameters.get(1);
    NDArray lowerTangentValue = apply(lowerPoint);
    NDArray upperTangentValue = apply(upperPoint);
    NDArray lowerTangentSlope = derivativeFromValue(lowerTangentValue);
    NDArray upperTangentSlope = derivativeFromValue(upperTangentValue);
    return new Relaxation(
        NDArrays.where(lowerChord, chordSlope, lowerTangentSlope),
        NDArrays.where(lowerChord, chordIntercept, lowerTangentValue.sub(lowerTangentSlope.mul(lowerPoint))),
        NDArrays.where(upperChord, chordSlope, upperTangentSlope),
        NDArrays.where(upperChord, chordIntercept, upperTangentValue.sub(upperTangentSlope.mul(upperPoint))));
  }

  @Override
  public NDArray project(NDArray parameters, Interval pre) {
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    // One-sided intervals: any tangent point inside [l, u]. Around 0: up to the table point, which bounds validity.
    NDArray oneSided = u.lte(0).logicalOr(l.gte(0));
    NDArray lowerPoint = table.lowerPoint(l, u);
    NDArray upperPoint = table.upperPoint(l, u);
    NDArray lowerPointMin = NDArrays.where(oneSided, l, l.minimum(lowerPoint));
    NDArray lowerPointMax = NDArrays.where(oneSided, u, lowerPoint);
    NDArray upperPointMin = NDArrays.where(oneSided, l, upperPoint);
    NDArray upperPointMax = NDArrays.where(oneSided, u, u.maximum(upperPoint));
    return NDArrays.stack(new NDList(
        parameters.get(0).maximum(lowerPointMin).minimum(lowerPointMax),
        parameters.get(1).maximum(upperPointMin).minimum(upperPointMax)));
  }
}
