package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import org.samdp.bounds.Scalars;

/**
 * A gate product of a recurrent cell as one function of two pre-activations, {@code σ(v)·q(z)} with q tanh (an LSTM's
 * {@code i·g} and {@code o·tanh(c)}) or the identity ({@code f·c}), bounded as POPQORN does by two planes
 * {@code a·v + b·z + c} on the box of (v, z) rather than by chaining the relaxations of σ, q and the product.
 *
 * <p>The slopes are the least-squares plane of f over a grid of the box; the intercepts are shifted to the smallest and
 * the largest gap {@code f − a·v − b·z} on the grid, widened by the bilinear-interpolation error bound
 * {@code (h_v²·max|f_vv| + h_z²·max|f_zz|)/8}, so that both planes hold on the whole box, not only on the grid
 * (POPQORN finds its slopes by Adam and checks validity by sampling).
 */
public final class SigmoidGateOperator implements BoundedOperator {
  /** Grid points per axis. */
  private static final int GRID = 33;
  /** {@code max|σ''|}, at {@code σ = 1/2 ± 1/(2√3)}. */
  private static final double SIGMOID_CURVATURE = 1 / (6 * Math.sqrt(3));
  /** {@code max|tanh''|}, at {@code tanh = ±1/√3}. */
  private static final double TANH_CURVATURE = 4 / (3 * Math.sqrt(3));

  /** The second factor q of {@code σ(v)·q(z)}. */
  public enum Factor {
    /** {@code q(z) = tanh(z)}. */
    TANH,
    /** {@code q(z) = z}. */
    IDENTITY
  }

  private final Factor factor;

  /** Bounds {@code σ(v)·q(z)}; input 0 is v, input 1 is z. */
  public SigmoidGateOperator(Factor factor) {
    this.factor = factor;
  }

  @Override
  public boolean needsInputBounds() {
    return true;
  }

  /** f is monotone in each variable for a fixed other one, so its extremes on a box are at corners. */
  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval v = inputs.get(0);
    Interval z = inputs.get(1);
    NDArray sl = Activation.sigmoid(v.lower());
    NDArray su = Activation.sigmoid(v.upper());
    NDArray ql = q(z.lower());
    NDArray qu = q(z.upper());
    NDArray ll = sl.mul(ql);
    NDArray lu = sl.mul(qu);
    NDArray ul = su.mul(ql);
    NDArray uu = su.mul(qu);
    return new Interval(ll.minimum(lu).minimum(ul.minimum(uu)), ll.maximum(lu).maximum(ul.maximum(uu)));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    Planes planes = planes(inputBounds.get(0), inputBounds.get(1));
    NDArray positive = Scalars.relu(coefficients);
    NDArray negative = coefficients.sub(positive);
    NDArray constant = Interval.dot(positive, planes.lowerIntercept()).add(Interval.dot(negative,
        planes.upperIntercept()));
    return new BackwardStep(List.of(coefficients.mul(planes.slopeV().expandDims(1)),
        coefficients.mul(planes.slopeZ().expandDims(1))), constant);
  }

  /** {@code slopeV·v + slopeZ·z + lowerIntercept <= f(v, z) <= slopeV·v + slopeZ·z + upperIntercept}. */
  private record Planes(NDArray slopeV, NDArray slopeZ, NDArray lowerIntercept, NDArray upperIntercept) {}

  private Planes planes(Interval vBounds, Interval zBounds) {
    // Bounds from two rounded passes can cross by a few ulps when the true interval is a point.
    NDArray vl = vBounds.lower().minimum(vBounds.upper());
    NDArray vu = vBounds.lower().maximum(vBounds.upper());
    NDArray zl = zBounds.lower().minimum(zBounds.upper());
    NDArray zu = zBounds.lower().maximum(zBounds.upper());
    NDArray v = grid(vl, vu);
    NDArray z = grid(zl, zu);
    NDArray s = Activation.sigmoid(v);
    NDArray qz = q(z);
    NDArray qMax = q(zl).abs().maximum(q(zu).abs());
    // On a product grid the least-squares plane separates: a = mean(q)·cov(v, σ)/var(v), b = mean(σ)·cov(z, q)/var(z).
    // Any slopes give valid planes once the intercepts are shifted; clipping them to the range of f's partial
    // derivatives (|f_v| <= q/4, |f_z| <= 1) keeps rounding noise on near-point boxes from blowing up.
    NDArray slopeV = clip(qz.mean(new int[] {-1}).mul(regression(vl, vu, s)), Scalars.div(qMax, 4));
    NDArray slopeZ = clip(s.mean(new int[] {-1}).mul(regression(zl, zu, qz)), qMax.onesLike());
    NDArray gap = s.expandDims(-1).mul(qz.expandDims(-2))
        .sub(v.mul(slopeV.expandDims(-1)).expandDims(-1))
        .sub(z.mul(slopeZ.expandDims(-1)).expandDims(-2));
    NDArray flat = gap.reshape(gap.getShape().slice(0, gap.getShape().dimension() - 2).add(-1));
    NDArray hv = Scalars.div(vu.sub(vl), GRID - 1);
    NDArray hz = Scalars.div(zu.sub(zl), GRID - 1);
    NDArray error = Scalars.mul(hv.square().mul(qMax), SIGMOID_CURVATURE);
    if (factor == Factor.TANH) {
      error = error.add(Scalars.mul(hz.square().mul(Activation.sigmoid(vu)), TANH_CURVATURE));
    }
    error = Scalars.div(error, 8);
    return new Planes(slopeV, slopeZ, flat.min(new int[] {-1}).sub(error), flat.max(new int[] {-1}).add(error));
  }

  /** {@code GRID} evenly spaced points from l to u along a new last axis. */
  private static NDArray grid(NDArray l, NDArray u) {
    return l.expandDims(-1).add(u.sub(l).expandDims(-1).mul(steps(l)));
  }

  /** The grid's positions in {@code [0, 1]}, {@code [GRID]}. */
  private static NDArray steps(NDArray like) {
    return like.getManager().linspace(0f, 1f, GRID).toType(like.getDataType(), false);
  }

  /**
   * The least-squares slope of y over the grid from l to u (last axis), from the grid's exact centred positions
   * {@code (u − l)·(t − 1/2)} rather than from x minus its rounded mean; 0 where {@code l == u}.
   */
  private static NDArray regression(NDArray l, NDArray u, NDArray y) {
    NDArray centred = steps(l).sub(0.5);
    NDArray width = u.sub(l);
    NDArray point = width.eq(0).toType(width.getDataType(), false);
    return y.mul(centred).sum(new int[] {-1}).div(width.add(point).mul(centred.square().sum()));
  }

  /** x clipped to {@code [-limit, limit]}. */
  private static NDArray clip(NDArray x, NDArray limit) {
    return x.maximum(limit.neg()).minimum(limit);
  }

  private NDArray q(NDArray z) {
    return factor == Factor.TANH ? z.tanh() : z;
  }
}
