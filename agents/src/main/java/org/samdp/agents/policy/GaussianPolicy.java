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
public final class GaussianPolicy implements Policy {
  private final PolicySpec spec;
  private final ObservationNormalizer normalizer;
  private final Network mean;
  private final NDArray logStd;

  /**
   * A policy from its parts; the parameters are marked as requiring gradients.
   *
   * @param logStd {@code [actionSize]}
   */
  public GaussianPolicy(PolicySpec spec, ObservationNormalizer normalizer, Network mean, NDArray logStd) {
    if (spec.kind() != PolicyKind.GAUSSIAN) {
      throw new IllegalArgumentException("a Gaussian policy needs a GAUSSIAN spec, got " + spec.kind());
    }
    if (!mean.outputShape().equals(new Shape(spec.actionSize())) || !logStd.getShape().equals(
        new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("mean network outputs " + mean.outputShape() + " and log std has shape "
          + logStd.getShape() + ", expected [" + spec.actionSize() + "]");
    }
    this.spec = spec;
    this.normalizer = normalizer;
    this.mean = mean;
    this.logStd = logStd;
    parameters().forEach(p -> p.setRequiresGradient(true));
  }

  private GaussianPolicy(GaussianPolicy live) {
    this.spec = live.spec;
    this.normalizer = live.normalizer;
    this.mean = live.mean.mapParameters(NDArray::stopGradient);
    this.logStd = live.logStd.stopGradient();
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

  @Override
  public PolicyKind kind() {
    return PolicyKind.GAUSSIAN;
  }

  @Override
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  /** The mean network. */
  @Override
  public Network network() {
    return mean;
  }

  /** log σ, {@code [actionSize]}; trainable. */
  public NDArray logStd() {
    return logStd;
  }

  @Override
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>(mean.parameters());
    all.add(logStd);
    return all;
  }

  @Override
  public DiagonalGaussian distribution(NDArray normalized) {
    return new DiagonalGaussian(mean.forward(normalized), logStd);
  }

  @Override
  public GaussianPolicy detached() {
    return new GaussianPolicy(this);
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }
}
