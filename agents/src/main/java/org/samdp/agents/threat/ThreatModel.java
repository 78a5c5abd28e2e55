package org.samdp.agents.threat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;

/**
 * The set B(s) an adversary may show instead of the normalized observation s, for training and evaluation alike: the
 * ℓp ball (ℓ∞ by default) of radius ε around s, optionally only in some coordinates (a mask), intersected with the
 * values a normalized observation can take (the env's Box bounds mapped through the normaliser, and the normaliser's
 * clipping) where those are finite, so pixels stay in their range. All radii are in normalized observation space, as
 * in the papers.
 */
public final class ThreatModel {
  private final double eps;
  private final Norm norm;
  private final float[] low;
  private final float[] high;
  private final float[] mask;
  private final boolean bounded;

  private ThreatModel(double eps, Norm norm, float[] low, float[] high, float[] mask) {
    this.eps = requireRadius(eps);
    this.norm = norm;
    this.low = low;
    this.high = high;
    this.mask = mask;
    boolean finite = false;
    for (int i = 0; i < low.length; i++) {
      if (!(low[i] <= high[i])) {
        throw new IllegalArgumentException("valid range of observation value " + i + " is empty: [" + low[i] + ", "
            + high[i] + "]");
      }
      finite |= Float.isFinite(low[i]) || Float.isFinite(high[i]);
    }
    this.bounded = finite;
  }

  /**
   * Checks a radius.
   *
   * @return {@code eps}
   * @throws IllegalArgumentException unless it is a finite number {@code >= 0}
   */
  public static double requireRadius(double eps) {
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be a finite radius >= 0 (in normalized observation space), got "
          + eps);
    }
    return eps;
  }

  /** The ℓ∞ ball alone, for observations of {@code size} values with no limits. */
  public static ThreatModel unbounded(double eps, int size) {
    float[] low = new float[size];
    float[] high = new float[size];
    Arrays.fill(low, Float.NEGATIVE_INFINITY);
    Arrays.fill(high, Float.POSITIVE_INFINITY);
    return new ThreatModel(eps, Norm.INF, low, high, null);
  }

  /** The ℓ∞ ball intersected with the normalized image of the env's observation Box (see the general form). */
  public static ThreatModel of(double eps, ObservationNormalizer normalizer, Box observationSpace, NDManager manager) {
    return of(eps, Norm.INF, normalizer, observationSpace, manager);
  }

  /**
   * The ℓp ball intersected with the normalized image of the env's observation Box and the normaliser's clip range.
   * The limits follow the normaliser's statistics at the time of the call.
   *
   * @throws IllegalArgumentException if {@code eps < 0}, the Box does not fit the normaliser, or every value is
   *     bounded (pixels) and ε is wider than their range
   */
  public static ThreatModel of(double eps, Norm norm, ObservationNormalizer normalizer, Box observationSpace,
      NDManager manager) {
    if (observationSpace.flatSize() != normalizer.size()) {
      throw new IllegalArgumentException("the observation space has " + observationSpace.flatSize()
          + " values but the policy expects " + normalizer.size());
    }
    // The normaliser is monotone in each value, so it maps the Box's corners to the range's corners (and clips them).
    float[] limits = normalizer.normalize(manager, new double[][] {observationSpace.low(), observationSpace.high()})
        .toFloatArray();
    int size = normalizer.size();
    ThreatModel threat = new ThreatModel(eps, norm, Arrays.copyOfRange(limits, 0, size),
        Arrays.copyOfRange(limits, size, 2 * size), null);
    threat.checkWidth(eps);
    return threat;
  }

  /** The same set with radius {@code eps} (a schedule's ε_t). */
  public ThreatModel withEps(double eps) {
    checkWidth(eps);
    return new ThreatModel(eps, norm, low, high, mask);
  }

  /**
   * The same set perturbing only the observation values where {@code perturbed} is true.
   *
   * @throws IllegalArgumentException if the mask's length is not the observation's
   */
  public ThreatModel masked(boolean[] perturbed) {
    if (perturbed.length != low.length) {
      throw new IllegalArgumentException("the mask has " + perturbed.length + " values, the observations "
          + low.length);
    }
    float[] values = new float[perturbed.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = perturbed[i] ? (mask == null ? 1 : mask[i]) : 0;
    }
    return new ThreatModel(eps, norm, low, high, values);
  }

  /**
   * The same set with each value's radius multiplied by {@code scale[i]}: {@code {s + scale ⊙ δ : ||δ||_p <= ε}},
   * ε measured in units of a per-value scale (SA-DDPG measures it in state standard deviations, §6.7.2.2); a scale of
   * 0 leaves that value unperturbed.
   *
   * @throws IllegalArgumentException if the length is not the observation's or a scale is negative or not finite
   */
  public ThreatModel scaled(double[] scale) {
    if (scale.length != low.length) {
      throw new IllegalArgumentException("the radius scale has " + scale.length + " values, the observations "
          + low.length);
    }
    float[] values = new float[scale.length];
    for (int i = 0; i < values.length; i++) {
      if (!(scale[i] >= 0) || Double.isInfinite(scale[i])) {
        throw new IllegalArgumentException("radius scale " + i + " must be finite and >= 0, got " + scale[i]);
      }
      values[i] = (float) scale[i] * (mask == null ? 1 : mask[i]);
    }
    return new ThreatModel(eps, norm, low, high, values);
  }

  /**
   * Per-value steps {@code [B, ...shape]} in units of the radius, stretched to each value's own radius (a mask's 0
   * or a {@link #scaled} value's scale); unchanged for a plain ball. Attacks take their steps through it.
   */
  public NDArray stretch(NDArray steps) {
    return mask == null ? steps : steps.mul(constant(mask, steps));
  }

  /** Refuses a radius wider than the range of observations that are bounded everywhere (pixels). */
  private void checkWidth(double radius) {
    requireRadius(radius);
    double width = 0;
    for (int i = 0; i < low.length; i++) {
      if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
        return;
      }
      width = Math.max(width, high[i] - low[i]);
    }
    if (radius > width) {
      throw new IllegalArgumentException("perturbation radius eps must be in [0, " + width + "] for observations in"
          + " [" + min(low) + ", " + max(high) + "], got " + radius);
    }
  }

  /** ε, the radius. */
  public double eps() {
    return eps;
  }

  /** The norm of the ball. */
  public Norm norm() {
    return norm;
  }

  /** The lowest value each observation value may take (flattened; −∞ where unlimited). */
  public float[] low() {
    return low.clone();
  }

  /** The highest value each observation value may take (flattened; +∞ where unlimited). */
  public float[] high() {
    return high.clone();
  }

  /**
   * The lowest values of B(s) per coordinate, shaped like {@code states} {@code [B, ...shape]}: the box around the
   * ball (exact for ℓ∞), within the limits.
   */
  public NDArray lower(NDArray states) {
    NDArray ball = mask == null ? states.sub(eps) : states.sub(constant(mask, states).mul(eps));
    return bounded ? ball.maximum(constant(low, states)) : ball;
  }

  /** The highest values of B(s) per coordinate, shaped like {@code states}. */
  public NDArray upper(NDArray states) {
    NDArray ball = mask == null ? states.add(eps) : states.add(constant(mask, states).mul(eps));
    return bounded ? ball.minimum(constant(high, states)) : ball;
  }

  /**
   * {@code candidates} moved into B(s): for ℓ∞ the nearest point, coordinate by coordinate; for ℓ2 and ℓ1 the
   * perturbation is first scaled (ℓ2) or projected (ℓ1) onto the ball, then clipped into the limits, which only
   * shortens it.
   */
  public NDArray project(NDArray candidates, NDArray states) {
    NDArray delta = candidates.sub(states);
    if (norm != Norm.INF) {
      // In units of each value's radius (δ = Δ / scale, 0 where unperturbed), onto the unit-scale ball, and back.
      NDArray scale = mask == null ? null : constant(mask, states);
      NDArray unit = scale == null ? delta : delta.div(scale.maximum(1e-30f)).mul(scale.gt(0));
      if (norm == Norm.L2) {
        NDArray rows = unit.reshape(unit.getShape().get(0), -1);
        NDArray length = rows.square().sum(new int[] {1}, true).sqrt();
        NDArray shrink = length.maximum(1e-12f).pow(-1).mul(eps).minimum(1f);
        unit = rows.mul(shrink).reshape(unit.getShape());
      } else {
        unit = L1Projection.project(unit, eps);
      }
      delta = scale == null ? unit : unit.mul(scale);
    }
    // ℓ∞ is the box alone (a mask's 0 makes that value's box a point); the other balls are clipped to the limits.
    return states.add(delta).maximum(lower(states)).minimum(upper(states));
  }

  /**
   * B(s) as the bound engine's input set: the ball, masked, and clipped to the valid range where a limit is within
   * reach of some state (otherwise the plain ball, so the bounds of unlimited vectors take the ball's path).
   */
  public LpBall ball(NDArray states) {
    LpBall ball = LpBall.of(states, norm, eps);
    if (mask != null) {
      ball = ball.masked(constant(mask, states));
    }
    if (!bounded) {
      return ball;
    }
    NDArray lower = lower(states);
    NDArray upper = upper(states);
    boolean binds = mask != null || lower.neq(states.sub(eps)).any().getBoolean()
        || upper.neq(states.add(eps)).any().getBoolean();
    return binds ? ball.clippedTo(lower, upper) : ball;
  }

  private static NDArray constant(float[] values, NDArray states) {
    Shape single = states.getShape().slice(1);
    return states.getManager().create(values, single).toType(states.getDataType(), false);
  }

  private static float min(float[] values) {
    float m = Float.POSITIVE_INFINITY;
    for (float v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static float max(float[] values) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
