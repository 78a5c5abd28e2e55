package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.random.RandomGenerator;
import org.samdp.bounds.network.Network;

/**
 * A greedy policy over a Q network (DQN): it acts by arg-max of the Q values and defines no distribution.
 * Exploration (ε-greedy) is the trainer's business.
 */
public final class QValuePolicy implements Policy {
  private final PolicySpec spec;
  private final ObservationNormalizer normalizer;
  private final Network q;

  /** A policy from its parts; the parameters are marked as requiring gradients. */
  public QValuePolicy(PolicySpec spec, ObservationNormalizer normalizer, Network q) {
    if (spec.kind() != PolicyKind.Q_VALUES) {
      throw new IllegalArgumentException("a Q-value policy needs a Q_VALUES spec, got " + spec.kind());
    }
    this.spec = spec;
    this.normalizer = normalizer;
    this.q = q;
    parameters().forEach(p -> p.setRequiresGradient(true));
  }

  private QValuePolicy(QValuePolicy live) {
    this.spec = live.spec;
    this.normalizer = live.normalizer;
    this.q = live.q.mapParameters(NDArray::stopGradient);
  }

  @Override
  public PolicyKind kind() {
    return PolicyKind.Q_VALUES;
  }

  @Override
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  /** The Q network. */
  @Override
  public Network network() {
    return q;
  }

  @Override
  public List<NDArray> parameters() {
    return q.parameters();
  }

  /** Always throws: a greedy Q policy has no action distribution (use the Q values of {@link #network()}). */
  @Override
  public ActionDistribution distribution(NDArray normalized) {
    throw new UnsupportedOperationException("a Q-value policy acts greedily and has no action distribution; read"
        + " its Q values from network()");
  }

  /** The arg-max action per observation, {@code [B]}. */
  @Override
  public NDArray actDeterministic(NDArray normalized) {
    return q.forward(normalized).argMax(1);
  }

  /** Greedy as well. */
  @Override
  public NDArray actStochastic(NDArray normalized, RandomGenerator random) {
    return actDeterministic(normalized);
  }

  @Override
  public QValuePolicy detached() {
    return new QValuePolicy(this);
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }
}
