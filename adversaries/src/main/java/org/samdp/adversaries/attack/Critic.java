package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.bounds.network.Network;

/**
 * What the critic attack minimises: a value per observation of the batch, given the attacked observation s₀ and the
 * candidate ŝ. Algorithm 6.9 uses {@code Q(s₀, π(ŝ))} (DDPG's critic, the corrected form of eq. 6.14); PPO learns no
 * Q function, so for PPO the attack minimises {@code V(ŝ)} (§6.4.1). A recurrent value function (ATLA's LSTM agents)
 * is stateful: it reads each candidate from the state of what the agent saw so far, and advances on what it sees.
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

  /** True for a recurrent critic, which {@link #value(NDArray, NDArray, PolicyState)} reads from a state. */
  default boolean isStateful() {
    return false;
  }

  /** A recurrent critic's initial state for {@code batch} episodes ({@link PolicyState#NONE} otherwise). */
  default PolicyState initialState(NDManager manager, int batch) {
    return PolicyState.NONE;
  }

  /** Values {@code [B]} read from {@code state} without advancing it; a feed-forward critic ignores the state. */
  default NDArray value(NDArray original, NDArray candidates, PolicyState state) {
    return value(original, candidates);
  }

  /** A recurrent critic's state after it reads {@code seen}, what the agent saw ({@code state} itself otherwise). */
  default PolicyState advance(NDArray seen, PolicyState state) {
    return state;
  }

  /** {@code V(ŝ)} from a state-value network with one output (PPO's value function). */
  static Critic stateValue(Network valueFunction) {
    if (valueFunction.outputShape().size() != 1) {
      throw new IllegalArgumentException("a state-value network has one output, this one has "
          + valueFunction.outputShape());
    }
    return (original, candidates) -> valueFunction.forward(candidates).reshape(-1);
  }

  /** {@code V(h, ŝ)} from a recurrent state-value network with one output (a recurrent PPO agent's value function). */
  static Critic recurrentStateValue(RecurrentNetwork valueFunction) {
    if (valueFunction.outputShape().size() != 1) {
      throw new IllegalArgumentException("a state-value network has one output, this one has "
          + valueFunction.outputShape());
    }
    RecurrentNetwork network = valueFunction.mapParameters(NDArray::stopGradient);
    return new Critic() {
      @Override
      public NDArray value(NDArray original, NDArray candidates) {
        throw new UnsupportedOperationException("a recurrent value function reads each candidate from a state");
      }

      @Override
      public boolean isStateful() {
        return true;
      }

      @Override
      public PolicyState initialState(NDManager manager, int batch) {
        return new PolicyState(network.initialState(manager, batch));
      }

      @Override
      public NDArray value(NDArray original, NDArray candidates, PolicyState state) {
        return network.step(candidates, state.arrays()).output().reshape(-1);
      }

      @Override
      public PolicyState advance(NDArray seen, PolicyState state) {
        return new PolicyState(network.step(seen, state.arrays()).state());
      }
    };
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
