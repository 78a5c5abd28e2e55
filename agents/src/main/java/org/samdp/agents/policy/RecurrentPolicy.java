package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.bounds.network.Network;

/**
 * A recurrent Gaussian or categorical policy (ATLA's LSTM policies, §3.5): a {@link RecurrentNetwork} of means or
 * logits whose cell state is the policy's {@link PolicyState}, zero where an episode starts, and for a Gaussian a
 * state-independent log σ. Acting advances the state; {@link #distribution(NDArray, PolicyState)} queries it with the
 * history paused (attacks and adversaries); {@link #sequenceDistribution} reads whole sequences (training).
 */
public final class RecurrentPolicy implements Policy {
  private final PolicySpec spec;
  private final ObservationNormalizer normalizer;
  private final RecurrentNetwork network;
  private final NDArray logStd;

  /**
   * A policy from its parts; the parameters are marked as requiring gradients.
   *
   * @param logStd {@code [actionSize]} for a Gaussian policy, null for a categorical one
   * @throws IllegalArgumentException if the kind is neither, or the parts do not fit the spec
   */
  public RecurrentPolicy(PolicySpec spec, ObservationNormalizer normalizer, RecurrentNetwork network, NDArray logStd) {
    this(spec, normalizer, network, logStd, true);
  }

  private RecurrentPolicy(PolicySpec spec, ObservationNormalizer normalizer, RecurrentNetwork network, NDArray logStd,
      boolean trainable) {
    if (!spec.kind().isStochastic()) {
      throw new IllegalArgumentException("a recurrent policy is Gaussian or categorical, not " + spec.kind());
    }
    if (!network.outputShape().equals(new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("the recurrent " + spec.kind() + " network outputs " + network.outputShape()
          + ", expected [" + spec.actionSize() + "]");
    }
    if ((spec.kind() == PolicyKind.GAUSSIAN) != (logStd != null)
        || logStd != null && !logStd.getShape().equals(new Shape(spec.actionSize()))) {
      throw new IllegalArgumentException("a Gaussian policy needs log std [" + spec.actionSize() + "], a categorical"
          + " one none; got " + (logStd == null ? "none" : logStd.getShape()) + " for " + spec.kind());
    }
    this.spec = spec;
    this.normalizer = normalizer;
    this.network = network;
    this.logStd = logStd;
    if (trainable) {
      parameters().forEach(p -> p.setRequiresGradient(true));
    }
  }

  /**
   * A freshly initialised policy of ATLA's architecture ({@link NetworkSpec#recurrent}, head gain 1).
   *
   * @param kind {@code GAUSSIAN} (then {@code actions} is the action dimension) or {@code CATEGORICAL} (the number of
   *     actions)
   * @param cell {@code lstm} or {@code gru}
   * @param initialLogStd starting value of every log σ (Gaussian only)
   */
  public static RecurrentPolicy create(PolicyKind kind, int observationSize, int actions, String cell, int embedding,
      int hidden, double initialLogStd, ObservationNormalizer normalizer, NDManager manager, long seed) {
    PolicySpec spec = new PolicySpec(kind, List.of(observationSize),
        NetworkSpec.recurrent(cell, embedding, hidden, actions, 1.0), actions);
    RecurrentNetwork network = spec.network().buildRecurrent(new Shape(observationSize), manager, DataType.FLOAT32,
        seed);
    NDArray logStd = kind == PolicyKind.GAUSSIAN ? manager.full(new Shape(actions), (float) initialLogStd) : null;
    return new RecurrentPolicy(spec, normalizer, network, logStd);
  }

  /** The recurrent network of means or logits. */
  public RecurrentNetwork recurrentNetwork() {
    return network;
  }

  /** log σ {@code [actionSize]} of a Gaussian policy, null for a categorical one. */
  public NDArray logStd() {
    return logStd;
  }

  @Override
  public PolicyKind kind() {
    return spec.kind();
  }

  @Override
  public ObservationNormalizer normalizer() {
    return normalizer;
  }

  /**
   * Throws: the bound engine reads a recurrent policy over histories of a given length.
   *
   * @throws UnsupportedOperationException pointing to {@link RecurrentNetwork#history}
   */
  @Override
  public Network network() {
    throw new UnsupportedOperationException("a recurrent policy has no feed-forward network; the bound engine reads"
        + " recurrentNetwork().history(steps), its many-to-one network over histories");
  }

  @Override
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>(network.parameters());
    if (logStd != null) {
      all.add(logStd);
    }
    return all;
  }

  /**
   * Throws: a recurrent policy's distribution depends on its state.
   *
   * @throws UnsupportedOperationException pointing to {@link #distribution(NDArray, PolicyState)}
   */
  @Override
  public ActionDistribution distribution(NDArray normalized) {
    throw new UnsupportedOperationException("a recurrent policy's actions depend on its state: query it with"
        + " distribution(observations, state)");
  }

  @Override
  public ActionDistribution distribution(NDArray normalized, PolicyState state) {
    return distributionOf(network.step(normalized, state.arrays()).output());
  }

  /**
   * The distributions along sequences {@code [B, T, ...shape]} read from {@code initial}, one row per step in
   * row-major order ({@code b·T + t}); gradients reach back at most {@code truncation} steps.
   */
  public ActionDistribution sequenceDistribution(NDArray sequences, PolicyState initial, int truncation) {
    NDArray outputs = network.sequence(sequences, initial.arrays(), truncation).output();
    return distributionOf(outputs.reshape(-1, spec.actionSize()));
  }

  private ActionDistribution distributionOf(NDArray outputs) {
    return logStd == null ? new Categorical(outputs) : new DiagonalGaussian(outputs, logStd);
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  @Override
  public PolicyState initialState(NDManager manager, int batch) {
    return new PolicyState(network.initialState(manager, batch));
  }

  /** Starts the rows of {@code episodeStart} from the zero state, reads the observations and advances the state. */
  @Override
  public Acting act(NDArray normalized, PolicyState state, boolean[] episodeStart, boolean deterministic,
      RandomGenerator random) {
    PolicyState from = state.restart(episodeStart, initialState(normalized.getManager(), episodeStart.length));
    RecurrentNetwork.Output output = network.step(normalized, from.arrays());
    ActionDistribution distribution = distributionOf(output.output());
    NDArray actions = deterministic ? distribution.mode() : distribution.sample(random);
    return new Acting(actions, distribution, new PolicyState(output.state()));
  }

  @Override
  public RecurrentPolicy detached() {
    return new RecurrentPolicy(spec, normalizer, network.mapParameters(NDArray::stopGradient),
        logStd == null ? null : logStd.stopGradient(), false);
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }
}
