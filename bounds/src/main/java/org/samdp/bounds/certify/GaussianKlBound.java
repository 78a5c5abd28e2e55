package org.samdp.bounds.certify;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;

/**
 * An upper bound on {@code KL(π(·|s) || π(·|ŝ))} over the input set for a Gaussian policy whose mean is a network and
 * whose standard deviation σ does not depend on the state: the KL is {@code ½ Σ_i (μ_i(s) - μ_i(ŝ))² / σ_i²}, and each
 * mean moves by at most {@link ActionChangeBound#deviation}.
 */
public final class GaussianKlBound {
  private GaussianKlBound() {}

  /**
   * The bound per state, {@code [B]}, from output bounds of the mean network computed by any method (e.g. the
   * CROWN-IBP/IBP mix of {@link BoundedNetwork#mixed}); differentiable where its inputs are.
   *
   * @param cleanMean the means at the centres, {@code [B, n]}
   * @param bounds bounds of the means over the input set, {@code [B, n]}
   * @param std σ, {@code [n]}
   */
  public static NDArray fromBounds(NDArray cleanMean, Bounds bounds, NDArray std) {
    NDArray d = ActionChangeBound.deviation(cleanMean, bounds);
    return Scalars.div(d.div(std).square().sum(new int[] {1}), 2);
  }
}
