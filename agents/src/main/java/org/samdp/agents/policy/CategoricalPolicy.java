package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.bounds.network.Network;

/** A categorical policy over a Discrete action space: a network of logits (discrete PPO). */
public final class CategoricalPolicy extends NetworkPolicy {

  /** A policy from its parts; the parameters are marked as requiring gradients. */
  public CategoricalPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network logits) {
    this(spec, normalizer, logits, true);
  }

  private CategoricalPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network logits, boolean trainable) {
    super(PolicyKind.CATEGORICAL, spec, normalizer, logits, trainable);
  }

  /** A freshly initialised MLP policy (orthogonal init, output gain 0.01). */
  public static CategoricalPolicy create(int observationSize, int actions, List<Integer> hidden, String activation,
      ObservationNormalizer normalizer, NDManager manager, long seed) {
    PolicySpec spec = new PolicySpec(PolicyKind.CATEGORICAL, List.of(observationSize),
        NetworkSpec.mlp(hidden, activation, actions, 0.01), actions);
    return new CategoricalPolicy(spec, normalizer,
        spec.network().build(new Shape(observationSize), manager, DataType.FLOAT32, seed));
  }

  @Override
  public Categorical distribution(NDArray normalized) {
    return new Categorical(network().forward(normalized));
  }

  @Override
  public CategoricalPolicy detached() {
    return new CategoricalPolicy(spec(), normalizer(), detachedNetwork(), false);
  }
}
