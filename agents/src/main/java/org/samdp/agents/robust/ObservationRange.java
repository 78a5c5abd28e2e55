package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;

/**
 * Where perturbed observations may lie: images {@code [C, H, W]} keep their pixel range (e.g. [0, 1]) under
 * perturbation, vectors (normalized, unbounded) do not. The threat model is the ℓ∞ ball of radius ε around the
 * network's input intersected with this range.
 *
 * @param low smallest valid input value ({@code -infinity} for vectors)
 * @param high largest valid input value ({@code +infinity} for vectors)
 */
public record ObservationRange(double low, double high) {

  /** No limits: vector observations. */
  public static final ObservationRange UNBOUNDED =
      new ObservationRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /**
   * The range of an observation space: the Box's bounds for images, none for vectors.
   *
   * @throws IllegalArgumentException for images with unbounded values
   */
  public static ObservationRange of(Box observations) {
    if (observations.shape().length != 3) {
      return UNBOUNDED;
    }
    if (!observations.isBounded()) {
      throw new IllegalArgumentException("image observations " + Box.shapeString(observations.shape())
          + " are unbounded; the pixel threat model needs values in a bounded range such as [0, 1]");
    }
    return new ObservationRange(Arrays.stream(observations.low()).min().orElseThrow(),
        Arrays.stream(observations.high()).max().orElseThrow());
  }

  /** True for pixels: a bounded range. */
  public boolean bounded() {
    return Double.isFinite(low) && Double.isFinite(high);
  }

  /** The largest meaningful radius: the width of the range (infinite for vectors). */
  public double width() {
    return high - low;
  }

  /**
   * The ℓ∞ ball of radius {@code eps} around each state, clipped to the range.
   *
   * @throws IllegalArgumentException if {@code eps} is negative or, for pixels, wider than the range
   */
  public LpBall ball(NDArray states, double eps) {
    checkRadius(eps);
    LpBall ball = LpBall.of(states, Norm.INF, eps);
    return bounded() ? ball.clippedTo(low, high) : ball;
  }

  /**
   * Checks a radius against the range.
   *
   * @throws IllegalArgumentException if {@code eps} is negative or, for pixels, outside {@code [0, high − low]}
   */
  public void checkRadius(double eps) {
    if (!(eps >= 0) || (bounded() && eps > width())) {
      throw new IllegalArgumentException("perturbation radius eps must be in [0, " + (bounded() ? width() : "inf")
          + "]" + (bounded() ? " for pixel observations in [" + low + ", " + high + "]" : "") + ", got " + eps);
    }
  }
}
