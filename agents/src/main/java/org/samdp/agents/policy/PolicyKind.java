package org.samdp.agents.policy;

/** What a policy's {@link Policy#network()} outputs, so attacks and certificates can pick their objective. */
public enum PolicyKind {
  /** Means of a diagonal Gaussian over a Box action space, with a state-independent log σ. */
  GAUSSIAN,
  /** Logits of a categorical distribution over a Discrete action space. */
  CATEGORICAL,
  /** Q values, one per action of a Discrete action space; the policy acts greedily. */
  Q_VALUES;

  /** True for policies that define an action distribution ({@link Policy#distribution}). */
  public boolean isStochastic() {
    return this != Q_VALUES;
  }

  /** True for policies over a Discrete action space (actions are indices). */
  public boolean isDiscrete() {
    return this != GAUSSIAN;
  }
}
