package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.network.Network;

/**
 * A greedy policy over a Q network (DQN): it acts by arg-max of the Q values and defines no distribution.
 * Exploration (ε-greedy) is the trainer's business.
 */
public final class QValuePolicy extends NetworkPolicy {

  /** A policy from its parts; the parameters are marked as requiring gradients. */
  public QValuePolicy(PolicySpec spec, ObservationNormalizer normalizer, Network q) {
    this(spec, normalizer, q, true);
  }

  private QValuePolicy(PolicySpec spec, ObservationNormalizer normalizer, Network q, boolean trainable) {
    super(PolicyKind.Q_VALUES, spec, normalizer, q, trainable);
  }

  /** The arg-max action per observation, {@code [B]}. */
  @Override
  public NDArray actDeterministic(NDArray normalized) {
    return network().forward(normalized).argMax(1);
  }

  @Override
  public QValuePolicy detached() {
    return new QValuePolicy(spec(), normalizer(), detachedNetwork(), false);
  }
}
