package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;

/**
 * The set B(s) an adversary may show instead of the normalized observation s: the ℓ∞ ball of radius ε around s,
 * intersected with the range of values a normalized observation can take (the env's Box bounds mapped through the
 * normaliser, and the normaliser's clipping), where that range is finite. All radii are in normalized observation
 * space, as in the papers.
 */
public final class ThreatModel {
  private final double eps;
  private final float[] low;
  private final float[] high;
  private final boolean bounded;

  private ThreatModel(double eps, float[] low, float[] high) {
    this.eps = requireRadius(eps);
    this.low = low;
    this.high = high;
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

  /** The ball alone, for observations of {@code size} values with no limits. */
  public static ThreatModel unbounded(double eps, int size) {
    float[] low = new float[size];
    float[] high = new float[size];
    Arrays.fill(low, Float.NEGATIVE_INFINITY);
    Arrays.fill(high, Float.POSITIVE_INFINITY);
    return new ThreatModel(eps, low, high);
  }

  /**
   * The ball intersected with the normalized image of the env's observation Box and the normaliser's clip range.
   *
   * @throws IllegalArgumentException if {@code eps < 0} or the Box does not fit the normaliser
   */
  public static ThreatModel of(double eps, ObservationNormalizer normalizer, Box observationSpace, NDManager manager) {
    if (observationSpace.flatSize() != normalizer.size()) {
      throw new IllegalArgumentException("the observation space has " + observationSpace.flatSize()
          + " values but the policy expects " + normalizer.size());
    }
    // The normaliser is monotone in each value, so it maps the Box's corners to the range's corners (and clips them).
    float[] limits = normalizer.normalize(manager, new double[][] {observationSpace.low(), observationSpace.high()})
        .toFloatArray();
    int size = normalizer.size();
    return new ThreatModel(eps, Arrays.copyOfRange(limits, 0, size), Arrays.copyOfRange(limits, size, 2 * size));
  }

  /** ε, the ℓ∞ radius. */
  public double eps() {
    return eps;
  }

  /** True when some observation value has a finite limit, so projections also clip. */
  public boolean isBounded() {
    return bounded;
  }

  /** The lowest value each observation value may take (flattened; −∞ where unlimited). */
  public float[] low() {
    return low.clone();
  }

  /** The highest value each observation value may take (flattened; +∞ where unlimited). */
  public float[] high() {
    return high.clone();
  }

  /** The lowest values of B(s) per coordinate, shaped like {@code states} {@code [B, ...shape]}. */
  public NDArray lower(NDArray states) {
    NDArray ball = states.sub(eps);
    return bounded ? ball.maximum(limit(low, states)) : ball;
  }

  /** The highest values of B(s) per coordinate, shaped like {@code states}. */
  public NDArray upper(NDArray states) {
    NDArray ball = states.add(eps);
    return bounded ? ball.minimum(limit(high, states)) : ball;
  }

  /** {@code candidates} moved to the nearest point of B(s) coordinate by coordinate (the ℓ∞ projection). */
  public NDArray project(NDArray candidates, NDArray states) {
    return candidates.maximum(lower(states)).minimum(upper(states));
  }

  /**
   * B(s) as the bound engine's input set, clipped to the valid range where it is finite (by the box of
   * {@link #lower} and {@link #upper}, which is finite everywhere).
   */
  public LpBall ball(NDArray states) {
    LpBall ball = LpBall.of(states, Norm.INF, eps);
    return bounded ? ball.clippedTo(lower(states), upper(states)) : ball;
  }

  private static NDArray limit(float[] values, NDArray states) {
    Shape single = states.getShape().slice(1);
    return states.getManager().create(values, single).toType(states.getDataType(), false);
  }
}
