package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.bounds.network.Network;

/**
 * A Gaussian policy over a Box action space: a mean network and a state-independent log σ (one per action
 * dimension), the PPO policy of the papers. Actions are unbounded; the env clips them.
 */
public final class GaussianPolicy extends NetworkPolicy {
  private final NDArray logStd;

  /**
   * A policy from its parts; the parameters are marked as requiring gradients.
   *
   * @param logStd {@code [actionSize]}
   */
  public GaussianPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network mean, NDArray logStd) {
    this(spec, normalizer, mean, logStd, true);
  }

  private GaussianPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network mean, NDArray logStd,
      boolean trainable) {
    super(PolicyKind.GAUSSIAN, spec, normalizer, mean, trainable);
    if (!logStd.getShape().equals(new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("log std has shape " + logStd.getShape() + ", expected ["
          + spec.actionSize() + "]");
    }
    this.logStd = logStd;
    if (trainable) {
      logStd.setRequiresGradient(true);
    }
  }

  /**
   * A freshly initialised policy: MLP mean with orthogonal init (hidden gain sqrt 2, output gain 0.01).
   *
   * @param hidden hidden widths, e.g. (64, 64)
   * @param activation {@code tanh} or {@code relu}
   * @param initialLogStd starting value of every log σ
   */
  public static GaussianPolicy create(int observationSize, int actionSize, List<Integer> hidden, String activation,
      double initialLogStd, ObservationNormalizer normalizer, NDManager manager, long seed) {
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(observationSize),
        NetworkSpec.mlp(hidden, activation, actionSize, 0.01), actionSize);
    Network mean = spec.network().build(new Shape(observationSize), manager, DataType.FLOAT32, seed);
    NDArray logStd = manager.full(new Shape(actionSize), (float) initialLogStd);
    return new GaussianPolicy(spec, normalizer, mean, logStd);
  }

  /** log σ, {@code [actionSize]}; trainable. */
  public NDArray logStd() {
    return logStd;
  }

  @Override
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>(network().parameters());
    all.add(logStd);
    return all;
  }

  @Override
  public DiagonalGaussian distribution(NDArray normalized) {
    return new DiagonalGaussian(network().forward(normalized), logStd);
  }

  @Override
  public GaussianPolicy detached() {
    return new GaussianPolicy(spec(), normalizer(), detachedNetwork(), logStd.stopGradient(), false);
  }
}
