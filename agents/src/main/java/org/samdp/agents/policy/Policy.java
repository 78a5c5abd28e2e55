package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.random.RandomGenerator;
import org.samdp.bounds.network.Network;

/**
 * What a trained agent is to attacks and certificates: an observation normaliser and a network acting on batches of
 * <em>normalized</em> observations {@code [B, ...shape]}. {@link #kind()} says what the network outputs.
 *
 * <p>Gradients: every method is differentiable with respect to the inputs and the parameters under a DJL
 * GradientCollector (sampling excepted). Bounds: {@link #network()} is the layer list the bound engine reads; it
 * shares the policy's parameter arrays.
 */
public interface Policy {

  /** What the network outputs: Gaussian means, categorical logits or Q values. */
  PolicyKind kind();

  /** The observation normaliser; frozen at evaluation. */
  ObservationNormalizer normalizer();

  /** Raw observations, one per row, as normalized float32 observations {@code [B, size]}. */
  default NDArray normalize(NDManager manager, double[][] raw) {
    return normalizer().normalize(manager, raw);
  }

  /** The network the bound engine reads: Gaussian means, categorical logits or Q values. */
  Network network();

  /** Every trainable array (the network's, then any others such as log σ). */
  List<NDArray> parameters();

  /** The action distribution at each observation. */
  ActionDistribution distribution(NDArray normalized);

  /** Deterministic actions: the Gaussian mean {@code [B, n]}, or the arg-max index {@code [B]}. */
  default NDArray actDeterministic(NDArray normalized) {
    return distribution(normalized).mode();
  }

  /** Actions drawn from the distribution with {@code random}; a greedy policy acts as {@link #actDeterministic}. */
  default NDArray actStochastic(NDArray normalized, RandomGenerator random) {
    return distribution(normalized).sample(random);
  }

  /**
   * The same policy over detached views of its parameters (same storage, so it follows every update): gradients of
   * its outputs flow to the inputs only. For attacks and inner maximisations, which differentiate with respect to
   * observations and must not touch the parameters' gradients.
   */
  Policy detached();

  /** The architecture and extra arrays, for saving and loading. */
  PolicySpec spec();
}
