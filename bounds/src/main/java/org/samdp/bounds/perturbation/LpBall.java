package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.samdp.bounds.ops.Interval;

/**
 * {@code {x = c + m ⊙ δ : ||δ||_p <= ε, low <= x <= high}} for each centre c of a batch: an ℓp ball of radius ε
 * over the flattened input, each dimension's extent multiplied by m (a 0/1 mask restricts it to some dimensions; other
 * non-negative values scale each dimension's radius) and clipped to a valid domain. Mask and domain are optional. Linear functions are minimised with the dual norm; a clipped ball also uses its box and
 * keeps the better of the two (both are sound, the set lying inside each; for ℓ∞ the box is exact).
 */
public final class LpBall implements Perturbation {
  private final NDArray center;
  private final Norm norm;
  private final NDArray radius;
  private final NDArray mask;
  private final Interval domain;

  private LpBall(NDArray center, Norm norm, NDArray radius, NDArray mask, Interval domain) {
    this.center = center;
    this.norm = norm;
    this.radius = radius;
    this.mask = mask;
    this.domain = domain;
  }

  /**
   * A ball of the same radius around every centre.
   *
   * @param center {@code [B, ...shape]}
   * @throws IllegalArgumentException if {@code eps < 0} or NaN, or the centre has NaN
   */
  public static LpBall of(NDArray center, Norm norm, double eps) {
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("perturbation radius eps must be >= 0, got " + eps);
    }
    return of(center, norm, center.getManager().ones(new Shape(center.getShape().get(0)), center.getDataType()).mul(eps));
  }

  /**
   * A ball with its own radius per centre.
   *
   * @param eps {@code [B]}, all {@code >= 0}
   */
  public static LpBall of(NDArray center, Norm norm, NDArray eps) {
    Inputs.requireNoNaN(center, "input centre");
    if (!eps.getShape().equals(new Shape(center.getShape().get(0)))) {
      throw new IllegalArgumentException(
          "per-centre radii must have shape [" + center.getShape().get(0) + "], got " + eps.getShape());
    }
    Inputs.requireNoNaN(eps, "perturbation radius eps");
    if (eps.lt(0).any().getBoolean()) {
      throw new IllegalArgumentException("perturbation radius eps must be >= 0, got " + eps.min().getDouble());
    }
    return new LpBall(center, norm, eps.toType(center.getDataType(), false), null, null);
  }

  /**
   * The same ball perturbing only the dimensions where {@code mask} is not 0, each by its radius times the mask.
   *
   * @param mask values {@code >= 0} (0/1 for a plain mask) of shape {@code [...shape]} (all centres) or
   *     {@code [B, ...shape]}
   */
  public LpBall masked(NDArray mask) {
    Shape shape = center.getShape();
    if (!mask.getShape().equals(shape) && !mask.getShape().equals(shape.slice(1))) {
      throw new IllegalArgumentException("mask must have shape " + shape.slice(1) + " or " + shape + ", got "
          + mask.getShape());
    }
    NDArray batched = mask.getShape().equals(shape) ? mask : mask.expandDims(0);
    return new LpBall(center, norm, radius, batched.toType(center.getDataType(), false), domain);
  }

  /**
   * The same ball perturbing only some time steps of sequences {@code [B, T, ...]}: all features of those steps, the
   * other steps fixed at the centre (a single perturbed frame, or every frame).
   *
   * @param steps 0-based time indices
   * @throws IllegalArgumentException if the centres are not sequences or a step is not in {@code [0, T)}
   */
  public LpBall atSteps(int... steps) {
    Shape shape = center.getShape();
    if (shape.dimension() < 3) {
      throw new IllegalArgumentException("time-step perturbations need sequences [batch, T, features], got " + shape);
    }
    long length = shape.get(1);
    long perStep = shape.slice(2).size();
    float[] mask = new float[Math.toIntExact(length * perStep)];
    for (int t : steps) {
      if (t < 0 || t >= length) {
        throw new IllegalArgumentException("perturbed step " + t + " is outside the sequence of T = " + length
            + " steps (0-based, 0.." + (length - 1) + ")");
      }
      Arrays.fill(mask, Math.toIntExact(t * perStep), Math.toIntExact((t + 1) * perStep), 1f);
    }
    return masked(center.getManager().create(mask, shape.slice(1)));
  }

  /**
   * The same ball intersected with the box {@code [low, high]} (e.g. pixels in [0, 1]).
   *
   * @param low lower limits, broadcastable to the centre
   * @param high upper limits, broadcastable to the centre
   * @throws IllegalArgumentException if a centre lies outside the domain
   */
  public LpBall clippedTo(NDArray low, NDArray high) {
    NDArray lowAll = low.toType(center.getDataType(), false).broadcast(center.getShape());
    NDArray highAll = high.toType(center.getDataType(), false).broadcast(center.getShape());
    if (center.lt(lowAll).any().getBoolean() || center.gt(highAll).any().getBoolean()) {
      throw new IllegalArgumentException("input centre lies outside the clipping domain");
    }
    return new LpBall(center, norm, radius, mask, new Interval(lowAll, highAll));
  }

  /** The same ball intersected with {@code [low, high]} in every dimension. */
  public LpBall clippedTo(double low, double high) {
    return clippedTo(center.zerosLike().add(low), center.zerosLike().add(high));
  }

  @Override
  public NDArray center() {
    return center;
  }

  @Override
  public Interval box() {
    long[] perCentre = new long[center.getShape().dimension()];
    Arrays.fill(perCentre, 1);
    perCentre[0] = center.getShape().get(0);
    NDArray delta = radius.reshape(perCentre);
    delta = mask == null ? delta : delta.mul(mask);
    NDArray lower = center.sub(delta);
    NDArray upper = center.add(delta);
    return domain == null
        ? new Interval(lower, upper)
        : new Interval(lower.maximum(domain.lower()), upper.minimum(domain.upper()));
  }

  /**
   * Without clipping, {@code W c + b ± ε·||W_i ⊙ m||_*} directly: one product with the centres instead of bounding
   * the stacked rows {@code [W; -W]}.
   */
  @Override
  public Interval linearImage(NDArray weight, NDArray bias) {
    if (domain != null) {
      return Perturbation.super.linearImage(weight, bias);
    }
    NDArray rows = weight.expandDims(0);
    NDArray perturbed = mask == null ? rows : rows.mul(mask.reshape(mask.getShape().get(0), 1, -1));
    NDArray mid = Interval.dot(rows, center).add(bias);
    NDArray spread = norm.dual(perturbed).mul(radius.reshape(center.getShape().get(0), 1));
    return new Interval(mid.sub(spread), mid.add(spread));
  }

  @Override
  public NDArray concretizeLower(NDArray coefficients) {
    NDArray rows = Interval.flattenFeatures(coefficients);
    NDArray perturbed = mask == null ? rows : rows.mul(mask.reshape(mask.getShape().get(0), 1, -1));
    long batch = center.getShape().get(0);
    NDArray ball = Interval.dot(rows, center).sub(norm.dual(perturbed).mul(radius.reshape(batch, 1)));
    return domain == null ? ball : ball.maximum(box().concretizeLower(coefficients));
  }
}
