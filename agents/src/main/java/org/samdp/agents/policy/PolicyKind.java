package org.samdp.agents.policy;

/** What a policy's {@link Policy#network()} outputs, so attacks and certificates can pick their objective. */
public enum PolicyKind {
  /** Means of a diagonal Gaussian over a Box action space, with a state-independent log σ. */
  GAUSSIAN,
  /** Logits of a categorical distribution over a Discrete action space. */
  CATEGORICAL,
  /** Q values, one per action of a Discrete action space; the policy acts greedily. */
  Q_VALUES,
  /** The actions themselves over a Box action space (DDPG's actor); exploration is the trainer's business. */
  DETERMINISTIC;

  /** True for policies that define an action distribution ({@link Policy#distribution}). */
  public boolean isStochastic() {
    return this == GAUSSIAN || this == CATEGORICAL;
  }

  /** True for policies over a Discrete action space (actions are indices). */
  public boolean isDiscrete() {
    return this == CATEGORICAL || this == Q_VALUES;
  }

  /** What the kind is, in words, for messages. */
  public String describe() {
    return switch (this) {
      case GAUSSIAN -> "a Gaussian policy (PPO)";
      case CATEGORICAL -> "a categorical policy (PPO)";
      case Q_VALUES -> "a Q network (DQN)";
      case DETERMINISTIC -> "a deterministic actor (DDPG)";
    };
  }
}
