package org.samdp.bounds.certify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;

/**
 * Upper bounds on how far a deterministic policy's action can move within the input set: with output bounds
 * {@code [l, u]} and the clean action {@code π(s)}, every coordinate moves by at most
 * {@code d_i = max(u_i - π_i(s), π_i(s) - l_i)}, so {@code ||π(ŝ) - π(s)||_p <= ||d||_p}.
 *
 * @param l1 bound on the ℓ1 change per state
 * @param l2 bound on the ℓ2 change per state
 * @param linf bound on the ℓ∞ change per state
 * @param meanRange mean width {@code mean_i(u_i - l_i)} of the output bounds per state
 */
public record ActionChangeBound(double[] l1, double[] l2, double[] linf, double[] meanRange) {

  /**
   * The bounds from the clean actions and output bounds computed by any method (e.g. once, shared with a
   * {@link GaussianKlBound}).
   *
   * @param clean the actions at the centres, {@code [B, n]}
   * @param bounds bounds of the actions over the input sets, {@code [B, n]}
   */
  public static ActionChangeBound fromBounds(NDArray clean, Bounds bounds) {
    // A change is never negative; float32 rounding can put both sides of d a hair below the clean action at ε ≈ 0.
    NDArray d = Scalars.maximum(deviation(clean, bounds), 0);
    return new ActionChangeBound(doubles(d.sum(new int[] {1})), doubles(d.square().sum(new int[] {1}).sqrt()),
        doubles(d.max(new int[] {1})), doubles(bounds.upper().sub(bounds.lower()).mean(new int[] {1})));
  }

  private static double[] doubles(NDArray values) {
    return values.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * The per-coordinate bound {@code d = max(u - π(s), π(s) - l)}, {@code [B, n]}; differentiable with respect to the
   * weights when the bounds are (a regulariser for SA-DDPG-style training).
   */
  public static NDArray deviation(NDArray clean, Bounds bounds) {
    return bounds.upper().sub(clean).maximum(clean.sub(bounds.lower()));
  }
}
