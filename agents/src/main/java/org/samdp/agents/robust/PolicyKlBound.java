package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.Categorical;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policy;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.certify.GaussianKlBound;

/**
 * {@code ConvexRelaxUB} of Algorithm 6.5: an upper bound on {@code max_{ŝ ∈ B∞(s, ε)} KL(π(·|s) || π(·|ŝ))} from
 * bounds {@code [l, u]} of the policy network's outputs over the ball (computed by any method), differentiable with
 * respect to the weights; the certificates' KL bound and the categorical form of {@link SaPpoRegularizer}.
 *
 * <ul>
 *   <li>Gaussian (state-independent σ): {@code ½ Σ_i d_i² / σ_i²} with {@code d_i = max(u_i − μ_i(s), μ_i(s) − l_i)}
 *       (eq. 6.6).
 *   <li>Categorical (logits z): {@code −log q_i(ŝ) = logsumexp(z(ŝ)) − z_i(ŝ) <= logsumexp(u) − l_i}, so the KL is at
 *       most {@code Σ_i p_i log p_i + logsumexp(u) − Σ_i p_i l_i}; it is exact (0) when the ball is a point.
 * </ul>
 */
public final class PolicyKlBound {
  private PolicyKlBound() {}

  /**
   * The bound per state, {@code [B]}, from bounds of the policy network's outputs over the input sets computed by any
   * method (certificates use CROWN or IBP); differentiable where its inputs are.
   *
   * @param clean the distribution at the centres of the input sets
   * @param bounds bounds of {@code policy.network()} over the input sets
   * @throws IllegalArgumentException for a policy without a distribution (Q values, deterministic actors)
   */
  public static NDArray fromBounds(Policy policy, ActionDistribution clean, Bounds bounds) {
    return switch (policy.kind()) {
      case GAUSSIAN -> GaussianKlBound.fromBounds(((DiagonalGaussian) clean).mean(), bounds,
          ((GaussianPolicy) policy).logStd().exp());
      case CATEGORICAL -> {
        NDArray logP = ((Categorical) clean).logProbabilities();
        NDArray p = logP.exp();
        NDArray upper = bounds.upper();
        NDArray logSumExpUpper = upper.sub(upper.logSoftmax(1)).get(":, 0");
        yield p.mul(logP).sum(new int[] {1}).add(logSumExpUpper).sub(p.mul(bounds.lower()).sum(new int[] {1}));
      }
      case Q_VALUES, DETERMINISTIC -> throw new IllegalArgumentException("the KL regulariser needs a stochastic policy"
          + " (Gaussian or categorical); " + policy.kind().describe() + " has no action distribution");
    };
  }
}
