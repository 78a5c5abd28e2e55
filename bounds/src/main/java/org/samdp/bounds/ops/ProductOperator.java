package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.samdp.bounds.Scalars;

/**
 * Bounds of the element-wise product {@code x·y} of two nodes (the gate products of LSTM and GRU cells), relaxed by
 * McCormick planes on the box of the two factors. CROWN takes auto_LiRPA's pair, lower
 * {@code y_l·x + x_l·y − x_l·y_l} and upper {@code y_u·x + x_l·y − x_l·y_u}; α-CROWN moves each plane between the
 * two McCormick planes of its side with a weight {@code r ∈ [0, 1]} per neuron (r = 1 is CROWN's pair).
 */
public final class ProductOperator implements OptimizableOperator {

  @Override
  public boolean needsInputBounds() {
    return true;
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval x = inputs.get(0);
    Interval y = inputs.get(1);
    NDArray ll = x.lower().mul(y.lower());
    NDArray lu = x.lower().mul(y.upper());
    NDArray ul = x.upper().mul(y.lower());
    NDArray uu = x.upper().mul(y.upper());
    return new Interval(ll.minimum(lu).minimum(ul.minimum(uu)), ll.maximum(lu).maximum(ul.maximum(uu)));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return backward(coefficients, crownPlanes(inputBounds.get(0), inputBounds.get(1)));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds, NDArray parameters) {
    return backward(coefficients, interpolatedPlanes(inputBounds.get(0), inputBounds.get(1), parameters));
  }

  /** CROWN's weights: r = 1 for the lower and the upper plane, {@code [2, B, ...shape]}. */
  @Override
  public NDArray initialParameters(List<Interval> inputBounds) {
    NDArray one = inputBounds.get(0).lower().onesLike();
    return one.expandDims(0).concat(one.expandDims(0));
  }

  /** Any weights in {@code [0, 1]} give sound planes. */
  @Override
  public NDArray project(NDArray parameters, List<Interval> inputBounds) {
    return Scalars.minimum(Scalars.maximum(parameters, 0), 1);
  }

  /** {@code xCoef·x + yCoef·y + constant} for the lower and the upper plane. */
  private record Planes(NDArray lowerX, NDArray lowerY, NDArray lowerConstant, NDArray upperX, NDArray upperY,
      NDArray upperConstant) {}

  private static Planes crownPlanes(Interval x, Interval y) {
    NDArray xl = x.lower();
    return new Planes(y.lower(), xl, xl.mul(y.lower()).neg(), y.upper(), xl, xl.mul(y.upper()).neg());
  }

  private static Planes interpolatedPlanes(Interval x, Interval y, NDArray weights) {
    NDArray xl = x.lower();
    NDArray xu = x.upper();
    NDArray yl = y.lower();
    NDArray yu = y.upper();
    NDArray rl = weights.get(0);
    NDArray ru = weights.get(1);
    // Lower: r·(y_l x + x_l y − x_l y_l) + (1 − r)·(y_u x + x_u y − x_u y_u); upper likewise with the upper pair.
    return new Planes(
        yl.sub(yu).mul(rl).add(yu),
        xl.sub(xu).mul(rl).add(xu),
        yu.mul(xu).sub(yl.mul(xl)).mul(rl).sub(yu.mul(xu)),
        yu.sub(yl).mul(ru).add(yl),
        xl.sub(xu).mul(ru).add(xu),
        yl.mul(xu).sub(yu.mul(xl)).mul(ru).sub(yl.mul(xu)));
  }

  /** Positive coefficients take the lower plane, negative ones the upper plane. */
  private static BackwardStep backward(NDArray coefficients, Planes planes) {
    boolean perRow = planes.lowerX().getShape().dimension() == coefficients.getShape().dimension();
    NDArray positive = Scalars.relu(coefficients);
    NDArray negative = coefficients.sub(positive);
    NDArray x = positive.mul(rows(planes.lowerX(), perRow)).add(negative.mul(rows(planes.upperX(), perRow)));
    NDArray y = positive.mul(rows(planes.lowerY(), perRow)).add(negative.mul(rows(planes.upperY(), perRow)));
    NDArray constant = perRow
        ? Interval.flattenFeatures(positive.mul(planes.lowerConstant()).add(negative.mul(planes.upperConstant())))
            .sum(new int[] {2})
        : Interval.dot(positive, planes.lowerConstant()).add(Interval.dot(negative, planes.upperConstant()));
    return new BackwardStep(List.of(x, y), constant);
  }

  /** Plane coefficients {@code [B, ...shape]} get a rows axis; per-row ones {@code [B, R, ...shape]} have it. */
  private static NDArray rows(NDArray planeCoefficient, boolean perRow) {
    return perRow ? planeCoefficient : planeCoefficient.expandDims(1);
  }
}
