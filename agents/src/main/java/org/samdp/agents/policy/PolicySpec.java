package org.samdp.agents.policy;

import java.util.List;
import org.samdp.agents.nn.NetworkSpec;

/**
 * How to rebuild a policy: its kind, observation shape and network architecture. Checkpoints store it beside the
 * weights and the normaliser's statistics.
 *
 * @param kind what the network outputs
 * @param observationShape shape of one observation
 * @param network the architecture of {@link Policy#network()}
 * @param actionSize action dimension (Gaussian) or number of actions (discrete)
 */
public record PolicySpec(PolicyKind kind, List<Integer> observationShape, NetworkSpec network, int actionSize) {

  /** Copies the shape. */
  public PolicySpec {
    observationShape = List.copyOf(observationShape);
  }
}
