package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;
import org.samdp.bounds.network.Network;

/**
 * What the critic attack minimises: a value per observation of the batch, given the attacked observation s₀ and the
 * candidate ŝ. Algorithm 6.9 uses {@code Q(s₀, π(ŝ))} (DDPG's critic, the corrected form of eq. 6.14); PPO learns no
 * Q function, so for PPO the attack minimises {@code V(ŝ)} (§6.4.1).
 */
@FunctionalInterface
public interface Critic {

  /**
   * Values {@code [B]}, differentiable with respect to {@code candidates}.
   *
   * @param original s₀, {@code [B, ...shape]}
   * @param candidates ŝ, {@code [B, ...shape]}
   */
  NDArray value(NDArray original, NDArray candidates);

  /** {@code V(ŝ)} from a state-value network with one output (PPO's value function). */
  static Critic stateValue(Network valueFunction) {
    if (valueFunction.outputShape().size() != 1) {
      throw new IllegalArgumentException("a state-value network has one output, this one has "
          + valueFunction.outputShape());
    }
    return (original, candidates) -> valueFunction.forward(candidates).reshape(-1);
  }

  /**
   * {@code Q(s₀, π(ŝ))} from an action-value network on {@code concat(s, a)} (DDPG's critic) and the policy's
   * deterministic action at ŝ.
   */
  public static Critic actionValue(Network q, Policy policy) {
    Policy view = policy.detached();
    return (original, candidates) -> q.forward(original.concat(view.actDeterministic(candidates), 1)).reshape(-1);
  }
}
