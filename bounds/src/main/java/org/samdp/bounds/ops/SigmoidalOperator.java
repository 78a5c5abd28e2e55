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
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    NDArray fl = apply(l);
    NDArray fu = apply(u);
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
