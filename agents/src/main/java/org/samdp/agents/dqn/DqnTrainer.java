package org.samdp.agents.dqn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.TargetNetworks;
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.optim.GradientClipping;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.replay.ReplayBuffer;
import org.samdp.agents.robust.ActionMargin;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.RunnerState;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.rollout.StepResult;
import org.samdp.agents.rollout.Transition;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingDivergedException;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * DQN and SA-DQN (Algorithm 6.7): Double DQN with a dueling head, prioritized replay, Huber TD loss and a target
 * network copied every N steps, exploring ε-greedily; SA-DQN adds {@code κ·R_DQN}, the hinge on the worst action
 * margin over the ℓ∞ ball around each replayed state, solved by PGD or bounded by convex relaxation.
 *
 * <p>One environment is stepped; an iteration is {@code run.stepsPerIteration} steps and ends with one metrics row.
 * Runs are reproducible: all randomness comes from the seed, and a checkpoint holds everything needed to continue the
 * same learning curve bit for bit (networks, optimiser, replay buffer with its priorities, environment, generator).
 */
public final class DqnTrainer extends TrainerBase<DqnConfig, DqnTrainer.TrainerState> {
  /** The metric columns, in order. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/learning_rate", "charts/exploration_rate", "charts/updates",
      "replay/size", "replay/beta", "losses/td_loss", "losses/q_values", "losses/loss", "robust/eps",
      "robust/crown_ibp_weight", "robust/margin", "robust/regularizer", "charts/sps");

  private final DqnConfig.Dqn dqn;
  private final QValuePolicy policy;
  private final Network online;
  private final Network onlineWithoutGradients;
  private final Network target;
  private final Adam optimizer;
  private final ReplayBuffer replay;
  private final BoundedNetwork boundedOnline;
  private final ProjectedGradient pgd;
  private final SplitMix64 random;
  private final int actions;
  private final int observationSize;
  private final Shape observationShape;
  private final Box observationSpace;
  private ThreatModel threat;
  private long updates;

  /**
   * A fresh trainer on one env from {@code envs}.
   *
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for an unknown env, a non-Discrete action space, a network kind that does not
   *     fit the observations, or a pixel radius outside [0, 1]
   */
  public DqnTrainer(DqnConfig config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, 1, config.seed()), run, callbacks);
    this.dqn = config.dqn();
    try {
      if (!(loop.actionSpace() instanceof Discrete discrete)) {
        throw new IllegalArgumentException(config.env() + " has action space " + loop.actionSpace()
            + "; DQN needs a Discrete action space");
      }
      this.actions = discrete.n();
      if (actions < 2) {
        throw new IllegalArgumentException(config.env() + " has a single action; DQN needs at least 2");
      }
      Box observations = (Box) loop.observationSpace();
      this.observationSize = observations.flatSize();
      this.observationShape = new Shape(Arrays.stream(observations.shape()).asLongStream().toArray());
      checkNetworkFits(config, observations);
      this.observationSpace = observations;
      ObservationNormalizer normalizer = dqn.normalizeObservations()
          ? ObservationNormalizer.running(observationSize, dqn.observationClip())
          : ObservationNormalizer.identity(observationSize);
      if (config.robustEnabled()) {
        try (NDManager scope = manager.newSubManager()) {
          ThreatModel.of(config.robust().eps(), normalizer, observations, scope);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("robust.eps: " + e.getMessage(), e);
        }
      }
      NetworkSpec networkSpec = config.network().spec(actions);
      PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, Arrays.stream(observations.shape()).boxed().toList(),
          networkSpec, actions);
      this.policy = new QValuePolicy(spec, normalizer,
          networkSpec.build(observationShape, manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 1)));
      this.online = policy.network();
      this.onlineWithoutGradients = policy.detached().network();
      this.target = networkSpec.build(observationShape, manager, DataType.FLOAT32, 0);
      TargetNetworks.copy(online, target);
      this.optimizer = new Adam(policy.parameters(), manager, dqn.learningRate(), dqn.adamEps());
      this.replay = ReplayBuffer.prioritized(config.replay().capacity(), observationSize, config.replay().alpha());
      boolean robust = config.robustEnabled();
      this.boundedOnline = robust && config.robust().solver() == DqnConfig.Solver.CONVEX
          ? new BoundedNetwork(online) : null;
      this.pgd = robust && config.robust().solver() == DqnConfig.Solver.PGD
          ? new ProjectedGradient(config.robust().pgdSteps(), null, true, 0) : null;
      this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Checks the network kind and the normalisation against the observations (vectors or images). */
  private static void checkNetworkFits(DqnConfig config, Box observations) {
    int rank = observations.shape().length;
    String shape = Box.shapeString(observations.shape());
    DqnConfig.NetworkKind kind = config.network().kind();
    if (rank == 1 && kind == DqnConfig.NetworkKind.CNN) {
      throw new IllegalArgumentException("network.kind is CNN but " + config.env() + " observes vectors " + shape
          + "; use network.kind=MLP");
    }
    if (rank == 3 && kind == DqnConfig.NetworkKind.MLP) {
      throw new IllegalArgumentException("network.kind is MLP but " + config.env() + " observes images " + shape
          + " [channels, height, width]; use network.kind=CNN");
    }
    if (rank != 1 && rank != 3) {
      throw new IllegalArgumentException(config.env() + " observes " + shape + "; DQN reads vectors (MLP) or images"
          + " [channels, height, width] (CNN)");
    }
    if (rank == 3 && config.dqn().normalizeObservations()) {
      throw new IllegalArgumentException("dqn.normalizeObservations is for vector observations; " + config.env()
          + " observes pixels, which are read as they are (set dqn.normalizeObservations=false)");
    }
  }

  /** Sums of the update statistics of one iteration. */
  private static final class UpdateSums {
    int count;
    double tdLoss;
    double qValues;
    double loss;
    double margin;
    double regularizer;
    int regularized;
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    optimizer.setLearningRate(config.learningRateFactor(t) * dqn.learningRate());
    List<Episode> episodes = new ArrayList<>();
    UpdateSums sums = new UpdateSums();
    for (int k = 0; k < config.run().stepsPerIteration(); k++) {
      episodes.addAll(environmentStep());
      if (globalStep > dqn.learningStarts() && replay.size() >= dqn.batchSize()
          && globalStep % dqn.trainFrequency() == 0) {
        update(globalStep, sums);
      }
      if (globalStep % dqn.targetUpdateInterval() == 0) {
        TargetNetworks.copy(online, target);
      }
    }
    rolloutEnded();
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/learning_rate", optimizer.learningRate());
    row.put("charts/exploration_rate", config.explorationRate(globalStep));
    row.put("charts/updates", (double) updates);
    row.put("replay/size", (double) replay.size());
    row.put("replay/beta", config.replayBeta(globalStep));
    row.put("losses/td_loss", sums.count == 0 ? Double.NaN : sums.tdLoss / sums.count);
    row.put("losses/q_values", sums.count == 0 ? Double.NaN : sums.qValues / sums.count);
    row.put("losses/loss", sums.count == 0 ? Double.NaN : sums.loss / sums.count);
    boolean robust = config.robustEnabled();
    row.put("robust/eps", robust ? config.epsilon(globalStep) : Double.NaN);
    row.put("robust/crown_ibp_weight", boundedOnline != null ? config.crownIbpWeight(globalStep) : Double.NaN);
    row.put("robust/margin", sums.regularized == 0 ? Double.NaN : sums.margin / sums.regularized);
    row.put("robust/regularizer", sums.regularized == 0 ? Double.NaN : sums.regularizer / sums.regularized);
    row.put("charts/sps", config.run().stepsPerIteration() / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  /**
   * One ε-greedy step (Algorithm 6.7, lines 5-7): the transition goes into the buffer with a clipped reward; a
   * time-limit cut stores its last observation as a non-terminal next state. While the buffer fills, a running
   * normaliser learns the observation statistics; it is frozen once learning starts.
   */
  private List<Episode> environmentStep() {
    double[][] current = loop.observations();
    double[] observation = current[0];
    ObservationNormalizer normalizer = policy.normalizer();
    normalizer.setFrozen(globalStep >= dqn.learningStarts());
    normalizer.update(current);
    StepResult step;
    int action;
    try (NDManager scope = manager.newSubManager()) {
      Transition transition = loop.step(scope, policy, (view, state, starts) -> {
        int chosen = random.nextDouble() < config.explorationRate(globalStep) ? random.nextInt(actions)
            : (int) onlineWithoutGradients.forward(view).argMax(1).getLong();
        return new Acting(view.getManager().create(new long[] {chosen}), null, state);
      });
      step = transition.step();
      action = (int) transition.acting().actions().getLong(0);
    }
    double reward = step.rewards()[0];
    if (dqn.clipRewards()) {
      reward = Math.max(-1, Math.min(1, reward));
    }
    double[] nextObservation = step.done(0) ? step.finalObservations()[0] : step.observations()[0];
    replay.add(observation, action, reward, nextObservation, step.terminated()[0]);
    globalStep++;
    return step.finished();
  }

  /** B(s) at radius {@code eps}: the normaliser is frozen once learning starts, so its limits are computed once. */
  private ThreatModel threat(double eps, NDManager scope) {
    if (threat == null || !policy.normalizer().isFrozen()) {
      threat = ThreatModel.of(0, policy.normalizer(), observationSpace, scope);
    }
    return threat.withEps(eps);
  }

  /**
   * One gradient step on a prioritized minibatch (Algorithm 6.7, lines 8-19): Double DQN targets from the target
   * network, the importance-weighted Huber TD loss and, for SA-DQN once ε_t > 0, {@code κ·R_DQN}; then the sampled
   * transitions get their new priorities {@code |δ| + ε}.
   */
  private void update(long step, UpdateSums sums) {
    int batchSize = dqn.batchSize();
    ReplayBuffer.Batch batch = replay.sample(batchSize, config.replayBeta(step), random);
    float[] priorities;
    try (NDManager scope = manager.newSubManager()) {
      NDArray states = observations(scope, batch.observations(), batchSize);
      NDArray nextStates = observations(scope, batch.nextObservations(), batchSize);
      NDArray takenActions = scope.create(batch.actions()).toType(DataType.INT64, false).reshape(batchSize, 1);
      NDArray weights = scope.create(batch.weights());
      NDArray notTerminal = scope.create(batch.terminated()).neg().add(1f);

      // Line 10, Double DQN: the online network picks a', the target network values it.
      NDArray nextTargetQ = target.forward(nextStates);
      NDArray nextActions = (dqn.doubleQ() ? onlineWithoutGradients.forward(nextStates) : nextTargetQ).argMax(1);
      NDArray nextValues = nextTargetQ.gather(nextActions.reshape(batchSize, 1), 1).reshape(batchSize);
      NDArray targets = scope.create(batch.rewards()).add(nextValues.mul(notTerminal).mul((float) dqn.gamma()));

      // Lines 9 and 13-14: a* from the current network; PGD's inner maximisation finishes before the loss's
      // collector opens (DJL allows one at a time) and reads detached weights.
      double eps = config.robustEnabled() ? config.epsilon(step) : 0;
      boolean regularize = eps > 0;
      NDArray greedy = regularize ? onlineWithoutGradients.forward(states).argMax(1) : null;
      ThreatModel ball = regularize ? threat(eps, scope) : null;
      NDArray perturbed = regularize && pgd != null
          ? pgd.maximize(s -> ActionMargin.worst(onlineWithoutGradients.forward(s), greedy), states, ball, random)
          : null;

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray q = online.forward(states);
        NDArray takenQ = q.gather(takenActions, 1).reshape(batchSize);
        NDArray tdErrors = targets.sub(takenQ);
        NDArray tdLoss = huber(tdErrors).mul(weights).mean();
        NDArray loss = tdLoss;
        NDArray margin = null;
        NDArray regularizer = null;
        if (regularize) {
          // Lines 15 and 17-18: the worst margin at PGD's ŝ, or its convex upper bound over the whole ball.
          margin = perturbed != null
              ? ActionMargin.worst(online.forward(perturbed), greedy)
              : ActionMargin.worstUpperBound(boundedOnline, ball.ball(states), greedy, config.crownIbpWeight(step));
          regularizer = ActionMargin.meanHinge(margin, config.robust().hingeC(),
              config.robust().importanceWeighted() ? weights : null);
          loss = loss.add(Scalars.mul(regularizer, config.robust().kappa()));
        }
        float lossValue = loss.getFloat();
        if (!Float.isFinite(lossValue)) {
          throw new TrainingDivergedException("the DQN loss", iteration() + 1, lastCheckpoint());
        }
        collector.backward(loss);

        sums.count++;
        sums.loss += lossValue;
        sums.tdLoss += tdLoss.getFloat();
        sums.qValues += takenQ.mean().getFloat();
        if (regularize) {
          sums.regularized++;
          sums.margin += margin.mean().getFloat();
          sums.regularizer += regularizer.getFloat();
        }
        priorities = tdErrors.abs().add((float) config.replay().priorityEpsilon()).toFloatArray();
      }
      if (dqn.maxGradNorm() > 0) {
        GradientClipping.clipNorm(policy.parameters(), dqn.maxGradNorm());
      }
      optimizer.step();
    }
    replay.updatePriorities(batch.indices(), priorities);
    updates++;
  }

  /** Flat raw observations as the network's normalized input {@code [B, ...shape]}. */
  private NDArray observations(NDManager scope, float[] flat, int rows) {
    NDArray raw = scope.create(flat, new Shape(rows, observationSize));
    NDArray normalized = policy.normalizer().isRunning() ? policy.normalizer().normalize(raw) : raw;
    return normalized.reshape(new Shape(rows).addAll(observationShape));
  }

  /** The Huber loss with threshold 1 (PyTorch's smooth L1), elementwise. */
  public static NDArray huber(NDArray errors) {
    NDArray absolute = errors.abs();
    NDArray quadratic = Scalars.minimum(absolute, 1);
    return Scalars.mul(quadratic.square(), 0.5).add(absolute.sub(quadratic));
  }

  // Checkpoints.

  /** Everything besides the arrays that a checkpoint holds. */
  record TrainerState(String algorithm, int iteration, long globalStep, long updates, long randomState,
      long adamStep, double learningRate, RunningMeanStd.State observationStatistics, ReplayBuffer.State replay,
      RunnerState runner) implements TrainerBase.State {}

  /** The target network, the optimiser's moments and the replay buffer as arrays; the rest as {@link TrainerState}. */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    AdamState adam = optimizer.state();
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, updates, random.state(),
        adam.step(), adam.learningRate(), policy.normalizer().statistics(), replay.state(), loop.state());
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named("target", target.parameters()));
    tensors.putAll(adam.entries("adam", policy.parameters()));
    tensors.putAll(replay.arrays("replay"));
    return new TrainerCheckpoint<>(state, tensors);
  }

  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    TensorFile.copyInto(tensors, "target", target.parameters());
    optimizer.restore(AdamState.fromEntries(tensors, "adam", policy.parameters().size(), state.adamStep(),
        state.learningRate()));
    replay.restore(state.replay(), tensors, "replay");
    if (state.observationStatistics() != null) {
      policy.normalizer().restore(state.observationStatistics());
    }
    loop.restore(state.runner());
    random.restore(state.randomState());
    updates = state.updates();
  }

  /** An SA-DQN run keeps a best checkpoint only once ε_t is final. */
  @Override
  protected boolean mayKeepBest() {
    return !config.robustEnabled() || config.rampProgress(globalStep) >= 1;
  }

  /** The greedy Q-value policy being trained. */
  @Override
  public Policy policy() {
    return policy;
  }
}
