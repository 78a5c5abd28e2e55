package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.certify.ActionChangeBound;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * SA-PPO's regulariser {@code R_PPO} per state (Algorithm 6.5, lines 10 and 12) in one of its forms. For a Gaussian
 * policy it is {@code c·Σ_i (Δ_i / σ_i)²}: Δ the mean's move {@code μ(ŝ) − μ(s)} at a found ŝ (SGLD), or its bound
 * {@code max(u_i − μ_i(s), μ_i(s) − l_i)} from bounds [l, u] of the mean over the ball (convex); c = 1 as the SA-PPO
 * authors' code computes it, or ½ (the Gaussian KL of eq. 6.6). A categorical policy's R is the KL, or its
 * {@link PolicyKlBound}.
 *
 * @param halfKl c = ½ instead of 1
 * @param detachStd σ enters as a constant (no gradient reaches log σ through R)
 * @param cleanMeanGradient the convex form lets gradients flow through μ(s) (the authors' convex step does)
 */
public record SaPpoRegularizer(boolean halfKl, boolean detachStd, boolean cleanMeanGradient) {

  /**
   * R at perturbed states found by SGLD, {@code [B]}. μ(s) is a constant here whatever {@code cleanMeanGradient}
   * says, as in the authors' SGLD step.
   *
   * @param clean the distribution at the clean states, without gradients
   * @param perturbed the live policy's distribution at the perturbed states
   */
  public NDArray atPerturbation(ActionDistribution clean, ActionDistribution perturbed) {
    if (!(perturbed instanceof DiagonalGaussian gaussian)) {
      return clean.kl(perturbed);
    }
    NDArray shift = gaussian.mean().sub(((DiagonalGaussian) clean).mean().stopGradient());
    return scaledSquares(shift, gaussian.logStd());
  }

  /**
   * R's upper bound over the ℓ∞ ball of radius {@code eps} around each state, {@code [B]}, from bounds of the policy
   * network's outputs computed as {@code β·CROWN-IBP + (1 − β)·IBP}, differentiable with respect to the weights.
   *
   * @param bounded the bound engine over {@code policy.network()} (sharing its weights)
   * @param policy the live policy
   * @param clean the distribution at the clean states, without gradients
   * @param live the live policy's distribution at the clean states (its mean carries gradients)
   * @param crownIbpWeight β in [0, 1]
   */
  public NDArray overBall(BoundedNetwork bounded, Policy policy, NDArray states, ActionDistribution clean,
      ActionDistribution live, double eps, double crownIbpWeight) {
    Bounds bounds = bounded.mixed(LpBall.of(states, Norm.INF, eps), crownIbpWeight, null, BoundSide.BOTH);
    return overBounds(policy, clean, live, bounds);
  }

  /**
   * R's upper bound at every step of sequences, {@code [B·T]} in row-major order: over every observation of the
   * step's chunk up to it in its own ℓ∞ ball of radius {@code eps} ({@link RecurrentBallBounds}).
   *
   * @param sequences normalized observations {@code [B, T, F]}
   * @param start the policy's state at each sequence's first step
   * @param truncation the chunk length: the state entering each chunk is a constant
   * @param clean the distribution along the clean sequences, without gradients
   * @param live the live policy's distribution along the clean sequences
   */
  public NDArray overSequenceBalls(RecurrentPolicy policy, NDArray sequences, PolicyState start, int truncation,
      ActionDistribution clean, ActionDistribution live, double eps, double crownIbpWeight) {
    Bounds bounds = RecurrentBallBounds.everyStep(policy.recurrentNetwork(), sequences, start.arrays(), truncation,
        eps, crownIbpWeight);
    return overBounds(policy, clean, live, bounds);
  }

  /** As {@link #overBall}, from bounds of the policy network's outputs over the input sets computed already. */
  public NDArray overBounds(Policy policy, ActionDistribution clean, ActionDistribution live, Bounds bounds) {
    if (policy.kind() != PolicyKind.GAUSSIAN) {
      return PolicyKlBound.fromBounds(policy, clean, bounds);
    }
    DiagonalGaussian gaussian = (DiagonalGaussian) live;
    NDArray mean = cleanMeanGradient ? gaussian.mean() : gaussian.mean().stopGradient();
    return scaledSquares(ActionChangeBound.deviation(mean, bounds), gaussian.logStd());
  }

  /** {@code c·Σ_i (Δ_i / σ_i)²} per row. */
  private NDArray scaledSquares(NDArray shift, NDArray logStd) {
    NDArray std = (detachStd ? logStd.stopGradient() : logStd).exp();
    NDArray squares = shift.div(std).square().sum(new int[] {1});
    return halfKl ? Scalars.mul(squares, 0.5) : squares;
  }
}
