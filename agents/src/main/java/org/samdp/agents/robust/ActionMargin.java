package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.certify.Margins;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * The worst action margin of a Q network, {@code max_{a ≠ a*} Q(ŝ, a) − Q(ŝ, a*)}, the quantity SA-DQN's regulariser
 * (eq. 6.8) keeps below zero: positive when some other action overtakes the greedy action {@code a*} of the clean
 * state. Its value at one perturbed state (for PGD) and its upper bound over a whole input set (for the convex
 * relaxation, Algorithm 6.7 lines 17-18), and the hinge {@code max{margin, −c}}.
 */
public final class ActionMargin {
  /** Subtracted from {@code Q(a*)} so that the maximum over the other actions never picks {@code a*}. */
  private static final float EXCLUDED = 1e9f;

  private ActionMargin() {}

  /**
   * {@code max_{a ≠ a*} q_a − q_{a*}} per row, {@code [B]}; differentiable with respect to {@code q}.
   *
   * @param q Q values {@code [B, n]}, {@code n >= 2}
   * @param greedy {@code a*} per row, {@code [B]} (integers)
   */
  public static NDArray worst(NDArray q, NDArray greedy) {
    NDArray oneHot = oneHot(greedy, q);
    NDArray chosen = q.mul(oneHot).sum(new int[] {1});
    NDArray others = q.sub(oneHot.mul(EXCLUDED)).max(new int[] {1});
    return others.sub(chosen);
  }

  /**
   * An upper bound of {@code max_{ŝ ∈ input set} max_{a ≠ a*} Q(ŝ, a) − Q(ŝ, a*)} per centre, {@code [B]}: minus the
   * smallest lower bound of the margins {@code Q(a*) − Q(a)}, bounded with the specification rows
   * {@code e_{a*} − e_a} by {@code β·CROWN-IBP + (1 − β)·IBP}. Differentiable with respect to the weights.
   *
   * @param bounded the bound engine over the Q network (sharing its weights)
   * @param input the input sets around the states
   * @param greedy {@code a*} per centre, {@code [B]}
   * @param crownIbpWeight β in [0, 1]
   */
  public static NDArray worstUpperBound(BoundedNetwork bounded, Perturbation input, NDArray greedy,
      double crownIbpWeight) {
    long actions = bounded.network().outputShape().size();
    NDArray spec = Margins.against(greedy, actions, input.center().getDataType());
    NDArray marginLower = bounded.mixed(input, crownIbpWeight, spec, BoundSide.LOWER).lower();
    return marginLower.min(new int[] {1}).neg();
  }

  /** The hinge {@code max{margin, −c}} of eq. 6.8: margins already better than {@code −c} add no gradient. */
  public static NDArray hinge(NDArray margin, double c) {
    return Scalars.maximum(margin, -c);
  }

  /**
   * The regulariser R_DQN of a minibatch: the mean hinge, each row weighted when {@code weights} is given. Prioritized
   * replay samples the states whose values are still moving most often; importance weights undo that tilt, as they do
   * for the TD loss.
   *
   * @param weights importance weights per row {@code [B]}, or null for the plain mean
   */
  public static NDArray meanHinge(NDArray margin, double c, NDArray weights) {
    NDArray hinge = hinge(margin, c);
    return (weights == null ? hinge : hinge.mul(weights)).mean();
  }

  /** The cross-entropy of the Q values taken as logits against {@code a*}, per row: the evaluation attack's loss. */
  public static NDArray crossEntropy(NDArray q, NDArray greedy) {
    return q.logSoftmax(1).mul(oneHot(greedy, q)).sum(new int[] {1}).neg();
  }

  private static NDArray oneHot(NDArray greedy, NDArray like) {
    int actions = Math.toIntExact(like.getShape().get(1));
    return like.getManager().eye(actions).toType(like.getDataType(), false)
        .get(greedy.toType(DataType.INT64, false));
  }
}
