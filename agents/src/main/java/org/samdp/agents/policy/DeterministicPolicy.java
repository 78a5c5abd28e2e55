package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.network.Network;

/**
 * A deterministic actor over a Box action space (DDPG): the network's output is the action. It defines no
 * distribution; exploration noise is the trainer's business, and the env clips actions to its Box.
 */
public final class DeterministicPolicy extends NetworkPolicy {

  /** A policy from its parts; the parameters are marked as requiring gradients. */
  public DeterministicPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network actor) {
    this(spec, normalizer, actor, true);
  }

  private DeterministicPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network actor, boolean trainable) {
    super(PolicyKind.DETERMINISTIC, spec, normalizer, actor, trainable);
  }

  /** The actor's output, {@code [B, n]}. */
  @Override
  public NDArray actDeterministic(NDArray normalized) {
    return network().forward(normalized);
  }

  @Override
  public DeterministicPolicy detached() {
    return new DeterministicPolicy(spec(), normalizer(), detachedNetwork(), false);
  }
}
