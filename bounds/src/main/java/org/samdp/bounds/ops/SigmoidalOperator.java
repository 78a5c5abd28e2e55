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
    NDArray middle = l.add(u).div(Scalars.constant(l, 2));
    NDArray zero = Scalars.constant(l, 0);
    NDArray oneSided = NDArrays.stack(new NDList(u.lte(zero), l.gte(zero)));
    // The engine's where takes its condition's shape from its first value: both sides' middle.
    return NDArrays.where(oneSided, middle.broadcast(oneSided.getShape()), table.points(l, u));
  }

  /**
   * Both lines are computed at once along a leading axis of two, {@code [lower line, upper line]}: the relaxation
   * runs on every CROWN-IBP training step, where the number of operations, not their size, sets the cost.
   */
  @Override
  public Relaxation relax(Interval pre, NDArray parameters) {
    // Bounds computed by two rounded passes can cross by a few ulps when the true interval is a point.
    NDArray l = pre.lower().minimum(pre.upper());
    NDArray u = pre.lower().maximum(pre.upper());
    NDArray fl = apply(l);
    NDArray fu = apply(u);
    NDArray endValues = NDArrays.stack(new NDList(fl, fu));
    NDArray endSlopes = derivativeFromValue(endValues);
    // The chord where it is sound, otherwise the tangent at the given point. The lower line takes the chord on
    // [l, u] >= 0, the upper one on [l, u] <= 0, and each where the chord is less steep than f at its own end.
    NDArray chordSlope = fu.sub(fl).div(u.sub(l).maximum(Scalars.constant(l, 1e-8)));
    NDArray chordIntercept = fl.sub(chordSlope.mul(l));
    NDArray zero = Scalars.constant(l, 0);
    NDArray positive = l.gte(zero);
    NDArray negative = u.lte(zero);
    NDArray chord = NDArrays.stack(new NDList(positive, negative)).logicalOr(
        NDArrays.stack(new NDList(negative, positive)).logicalNot().logicalAnd(chordSlope.lt(endSlopes)));
    NDArray tangentValues = apply(parameters);
    NDArray tangentSlopes = derivativeFromValue(tangentValues);
    // The engine's where takes its condition's shape from its first value: the chord's for both sides.
    NDArray slopes = NDArrays.where(chord, chordSlope.broadcast(chord.getShape()), tangentSlopes);
    NDArray intercepts = NDArrays.where(chord, chordIntercept.broadcast(chord.getShape()),
        tangentValues.sub(tangentSlopes.mul(parameters)));
    // On an interval narrower than the square root of the rounding unit, f(u) - f(l) is mostly rounding error and the
    // chord's slope is noise that the backward pass multiplies into every earlier layer. There both lines take the
    // smallest slope m of f on [l, u] (at an end, f' being unimodal with its peak at 0): f(l) + m·(x - l) below f
    // and f(u) + m·(x - u) above it, sound on any interval and apart by only O(f''·(u - l)^2).
    NDArray narrow = u.sub(l).lte(l.abs().maximum(u.abs()).maximum(Scalars.constant(l, 1))
        .mul(Scalars.constant(l, Math.sqrt(ulpOfOne(l)))));
    NDArray slope = endSlopes.get(0).minimum(endSlopes.get(1));
    NDArray narrowIntercepts = endValues.sub(slope.mul(NDArrays.stack(new NDList(l, u))));
    slopes = NDArrays.where(narrow, slope, slopes);
    intercepts = NDArrays.where(narrow.broadcast(narrowIntercepts.getShape()), narrowIntercepts, intercepts);
    return new Relaxation(slopes.get(0), intercepts.get(0), slopes.get(1), intercepts.get(1));
  }

  /** The machine epsilon of the data type of {@code x}. */
  private static double ulpOfOne(NDArray x) {
    return x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
  }

  @Override
  public NDArray project(NDArray parameters, Interval pre) {
    NDArray l = pre.lower();
    NDArray u = pre.upper();
    // One-sided intervals: any tangent point inside [l, u]. Around 0: up to the table point, which bounds validity.
    NDArray oneSided = u.lte(0).logicalOr(l.gte(0));
    NDArray points = table.points(l, u);
    NDArray lowerPoint = points.get(0);
    NDArray upperPoint = points.get(1);
    NDArray lowerPointMin = NDArrays.where(oneSided, l, l.minimum(lowerPoint));
    NDArray lowerPointMax = NDArrays.where(oneSided, u, lowerPoint);
    NDArray upperPointMin = NDArrays.where(oneSided, l, upperPoint);
    NDArray upperPointMax = NDArrays.where(oneSided, u, u.maximum(upperPoint));
    return NDArrays.stack(new NDList(
        parameters.get(0).maximum(lowerPointMin).minimum(lowerPointMax),
        parameters.get(1).maximum(upperPointMin).minimum(upperPointMax)));
  }
}
