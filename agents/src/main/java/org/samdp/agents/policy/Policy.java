package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.random.RandomGenerator;
import org.samdp.bounds.network.Network;

/**
 * What a trained agent is to episode loops, attacks and certificates: an observation normaliser and a network acting
 * on batches of <em>normalized</em> observations {@code [B, ...shape]}. {@link #kind()} says what the network
 * outputs.
 *
 * <p>Acting carries a {@link PolicyState} and episode-start flags ({@link #act}), the shape of SB3's
 * {@code predict(obs, state, episode_start)}; feed-forward policies use {@link PolicyState#NONE}.
 *
 * <p>Gradients: every method is differentiable with respect to the inputs and the parameters under a DJL
 * GradientCollector (sampling excepted). Bounds: {@link #network()} is the layer list the bound engine reads; it
 * shares the policy's parameter arrays.
 */
public interface Policy {

  /** What the network outputs: Gaussian means, categorical logits, Q values or actions. */
  PolicyKind kind();

  /** The observation normaliser; frozen at evaluation. */
  ObservationNormalizer normalizer();

  /**
   * Raw observations, one flat row each, as normalized float32 observations shaped for the network:
   * {@code [B, ...observationShape]} ({@code [B, size]} for vectors, {@code [B, C, H, W]} for pixels).
   */
  default NDArray normalize(NDManager manager, double[][] raw) {
    NDArray flat = normalizer().normalize(manager, raw);
    return spec().observationShape().size() == 1 ? flat
        : flat.reshape(new Shape(raw.length).addAll(network().inputShape()));
  }

  /** The network the bound engine reads: Gaussian means, categorical logits, Q values or actions. */
  Network network();

  /** Every trainable array (the network's, then any others such as log σ). */
  List<NDArray> parameters();

  /**
   * The action distribution at each observation.
   *
   * @throws UnsupportedOperationException for kinds without one (Q values, deterministic actors)
   */
  ActionDistribution distribution(NDArray normalized);

  /**
   * The action distribution at each observation read from {@code state}, with the history paused: the state is not
   * advanced (what attacks and adversaries query before the policy acts). Feed-forward policies ignore the state.
   *
   * @param state the state before these observations, one row per observation
   * @throws UnsupportedOperationException for kinds without a distribution (Q values, deterministic actors)
   */
  default ActionDistribution distribution(NDArray normalized, PolicyState state) {
    return distribution(normalized);
  }

  /** Deterministic actions: the Gaussian mean or the actor's output {@code [B, n]}, or the arg-max {@code [B]}. */
  default NDArray actDeterministic(NDArray normalized) {
    return distribution(normalized).mode();
  }

  /** True for policies whose actions depend on a {@link PolicyState} (recurrent ones). */
  default boolean isStateful() {
    return false;
  }

  /** The state at the start of {@code batch} episodes; {@link PolicyState#NONE} for feed-forward policies. */
  default PolicyState initialState(NDManager manager, int batch) {
    return PolicyState.NONE;
  }

  /**
   * Acts on a batch of observations from a state: deterministically (the mode: Gaussian mean, arg-max, the actor's
   * output), or by sampling the distribution with {@code random} (kinds without a distribution act
   * deterministically). A stateful policy starts afresh on the rows where {@code episodeStart} is true.
   *
   * @param state the state before this batch, one row per observation
   * @param episodeStart per row: does its episode begin with this observation
   */
  default Acting act(NDArray normalized, PolicyState state, boolean[] episodeStart, boolean deterministic,
      RandomGenerator random) {
    if (!kind().isStochastic()) {
      return new Acting(actDeterministic(normalized), null, state);
    }
    ActionDistribution distribution = distribution(normalized);
    return new Acting(deterministic ? distribution.mode() : distribution.sample(random), distribution, state);
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
