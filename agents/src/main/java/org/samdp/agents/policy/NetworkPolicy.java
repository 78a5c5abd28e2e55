package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.samdp.bounds.network.Network;

/**
 * What the feed-forward policies share: a spec of their kind, a normaliser and one network whose output is one value
 * per action. Subclasses add how they act and any further parameters.
 */
public abstract class NetworkPolicy implements Policy {
  private final PolicySpec spec;
  private final ObservationNormalizer normalizer;
  private final Network network;

  /**
   * Checks that the spec is of {@code kind} and the network outputs {@code [actionSize]}.
   *
   * @param trainable mark the network's parameters as requiring gradients (false for detached views)
   */
  protected NetworkPolicy(PolicyKind kind, PolicySpec spec, ObservationNormalizer normalizer, Network network,
      boolean trainable) {
    if (spec.kind() != kind) {
      throw new IllegalArgumentException(kind.describe() + " needs a " + kind + " spec, got " + spec.kind());
    }
    if (!network.outputShape().equals(new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("the " + kind + " network outputs " + network.outputShape() + ", expected ["
          + spec.actionSize() + "]");
    }
    this.spec = spec;
    this.normalizer = normalizer;
    this.network = network;
    if (trainable) {
      network.parameters().forEach(p -> p.setRequiresGradient(true));
    }
  }

  /** The network over detached views of the parameters, for {@link #detached()}. */
  protected Network detachedNetwork() {
    return network.mapParameters(NDArray::stopGradient);
  }

  @Override
  public PolicyKind kind() {
    return spec.kind();
  }

  @Override
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  @Override
  public Network network() {
    return network;
  }

  @Override
  public List<NDArray> parameters() {
    return network.parameters();
  }

  /**
   * Throws for kinds without a distribution (Q values, deterministic actors); the stochastic kinds override it.
   *
   * @throws UnsupportedOperationException naming the kind and where its actions come from
   */
  @Override
  public ActionDistribution distribution(NDArray normalized) {
    throw new UnsupportedOperationException(kind().describe() + " acts deterministically and has no action"
        + " distribution; read its outputs from network()");
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }
}
