package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.bounds.network.Network;

/** A categorical policy over a Discrete action space: a network of logits (discrete PPO). */
public final class CategoricalPolicy implements Policy {
  private final PolicySpec spec;
  private final ObservationNormalizer normalizer;
  private final Network logits;

  /** A policy from its parts; the parameters are marked as requiring gradients. */
  public CategoricalPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network logits) {
    if (spec.kind() != PolicyKind.CATEGORICAL) {
      throw new IllegalArgumentException("a categorical policy needs a CATEGORICAL spec, got " + spec.kind());
    }
    if (!logits.outputShape().equals(new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("logit network outputs " + logits.outputShape() + ", expected ["
          + spec.actionSize() + "]");
    }
    this.spec = spec;
    this.normalizer = normalizer;
    this.logits = logits;
    parameters().forEach(p -> p.setRequiresGradient(true));
  }

  private CategoricalPolicy(CategoricalPolicy live) {
    this.spec = live.spec;
    this.normalizer = live.normalizer;
    this.logits = live.logits.mapParameters(NDArray::stopGradient);
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
  public PolicyKind kind() {
    return PolicyKind.CATEGORICAL;
  }

  @Override
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  /** The logit network. */
  @Override
  public Network network() {
    return logits;
  }

  @Override
  public List<NDArray> parameters() {
    return logits.parameters();
  }

  @Override
  public Categorical distribution(NDArray normalized) {
    return new Categorical(logits.forward(normalized));
  }

  @Override
  public CategoricalPolicy detached() {
    return new CategoricalPolicy(this);
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }
}
