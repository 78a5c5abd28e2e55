package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * SA-DDPG's regulariser on a deterministic actor with a tanh output (the SA-DDPG authors' code's form): how far the
 * action moves when the state moves within B(s). Both forms average over the batch and the action dimensions.
 *
 * <ul>
 *   <li>At a found ŝ (SGLD): {@code R = mean((π(ŝ) − π(s))²)}.
 *   <li>Over the whole set (convex relaxation): with {@code [l, u]} bounds of the actor's pre-tanh output over B(s),
 *       tanh being monotone, every action in the set lies in {@code [tanh l, tanh u]}, so
 *       {@code R = mean(max(tanh u − π(s), π(s) − tanh l)²)} bounds the first form from above.
 * </ul>
 */
public final class ActionChange {
  private ActionChange() {}

  /** Per state, the squared action change summed over the action dimensions, {@code [B]} (an objective for SGLD). */
  public static NDArray squared(NDArray perturbedActions, NDArray cleanActions) {
    return perturbedActions.sub(cleanActions).square().sum(new int[] {1});
  }

  /** {@code mean((π(ŝ) − π(s))²)} over the batch and the action dimensions, a scalar. */
  public static NDArray meanSquared(NDArray perturbedActions, NDArray cleanActions) {
    return perturbedActions.sub(cleanActions).square().mean();
  }

  /**
   * Per state and action dimension, the largest change of the tanh output over the input sets,
   * {@code max(tanh u − a, a − tanh l)} {@code [B, n]}, from bounds {@code [l, u]} of the pre-tanh output computed as
   * {@code β·CROWN-IBP + (1 − β)·IBP}; differentiable with respect to the weights and {@code actions}.
   *
   * @param preTanh the bound engine over the actor without its final tanh (sharing its weights)
   * @param inputs the input sets around the states
   * @param actions the actor's outputs at the centres {@code [B, n]}, {@code tanh} of the pre-tanh output
   * @param crownIbpWeight β in [0, 1]
   */
  public static NDArray upperBound(BoundedNetwork preTanh, Perturbation inputs, NDArray actions,
      double crownIbpWeight) {
    Bounds bounds = preTanh.mixed(inputs, crownIbpWeight, null, BoundSide.BOTH);
    return bounds.upper().tanh().sub(actions).maximum(actions.sub(bounds.lower().tanh()));
  }

  /** {@code mean(max(tanh u − a, a − tanh l)²)}, the convex form of R, a scalar. */
  public static NDArray meanSquaredUpperBound(BoundedNetwork preTanh, Perturbation inputs, NDArray actions,
      double crownIbpWeight) {
    return upperBound(preTanh, inputs, actions, crownIbpWeight).square().mean();
  }
}
