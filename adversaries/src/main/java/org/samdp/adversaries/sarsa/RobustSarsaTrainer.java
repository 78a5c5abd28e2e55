package org.samdp.adversaries.sarsa;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.dqn.DqnTrainer;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.ppo.RolloutBuffer;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.RewardScaler;
import org.samdp.agents.rollout.RunnerState;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.rollout.StepResult;
import org.samdp.agents.rollout.Transition;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingDivergedException;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * Learns the Robust Sarsa critic {@code Q_RS(s, a)} of a fixed victim (dissertation §6.4.2, the PPO code's form):
 * each iteration collects a fresh rollout of the victim acting stochastically, then runs epochs of shuffled
 * minibatches minimising the TD loss {@code SmoothL1(Q(s, a), r + γ·(1 − terminated)·Q(s', a'))} plus, once the
 * schedule has started, {@code reg·mean(max(ub − Q, Q − lb)²)} with {@code [lb, ub]} bounds of Q over the ℓ∞ ball of
 * radius ε_t around the concatenated input (the code's form of the regulariser; the text bounds over the action
 * alone).
 *
 * <p>Q's input is the victim's normalized observation (flattened) followed by the action: the sampled vector for a
 * Box action space, one-hot for a Discrete one. (s', a') is the true successor of each sample: the same env's next
 * observation and the action the victim took there. The authors' code instead pairs element k of a shuffled
 * minibatch with element k + 1, which is not its successor; this trainer does not reproduce that bug. At a time
 * limit the successor is the episode's last observation with an action sampled from the victim there; the last step
 * of a rollout bootstraps from the loop's current observation with a freshly sampled action. After a terminal state
 * the successor is masked out.
 *
 * <p>The trainer trains no policy, so its checkpoints hold no policy either ({@link #policies()} is empty): they hold
 * Q, its Adam state, the generator, the reward scaling and the episodes, plus a fingerprint of the victim that a
 * resumed run must be given again. Runs are reproducible from the seed, and a checkpoint continues bit for bit.
 */
public final class RobustSarsaTrainer extends TrainerBase<RobustSarsaConfig, RobustSarsaTrainer.TrainerState> {
  /** The metric columns, in order. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/learning_rate", "losses/td_loss", "losses/q_value",
      "robust/eps", "robust/crown_ibp_weight", "robust/regularizer", "charts/sps");
  /** Q's parameters in {@value TrainerBase#TRAINER_TENSORS}. */
  public static final String Q = "q";

  private final Policy victim;
  private final int observationSize;
  /** The action space's size for a Discrete space (actions enter Q one-hot), or 0 for a Box. */
  private final int discreteActions;
  private final int inputSize;
  private final Network q;
  /** Q over detached views of its parameters, for the TD target (no gradient flows through it). */
  private final Network qWithoutGradients;
  private final BoundedNetwork boundedQ;
  private final Adam optimizer;
  private final RewardScaler rewardScaler;
  private final SplitMix64 random;

  /**
   * A fresh trainer of Q_RS for {@code victim} on one env from {@code envs}.
   *
   * @param victim the fixed policy whose Q function is learned; it acts stochastically (kinds without a distribution
   *     act deterministically), its normaliser is not updated, and it must not be stateful
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for a stateful victim, or one that does not fit the env's spaces
   */
  public RobustSarsaTrainer(RobustSarsaConfig config, Policy victim, EnvSource envs, RunDirectory run,
      List<TrainingCallback> callbacks) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, 1, config.seed()), run, callbacks);
    try {
      if (victim.isStateful()) {
        throw new IllegalArgumentException("Robust Sarsa learns Q(s, a) without history, and this victim is stateful"
            + " (recurrent)");
      }
      this.victim = victim;
      this.observationSize = ((Box) loop.observationSpace()).flatSize();
      if (victim.normalizer().size() != observationSize) {
        throw new IllegalArgumentException("the victim takes observations of " + victim.normalizer().size()
            + " values, " + config.env() + " has " + observationSize);
      }
      if (victim.kind().isDiscrete() != loop.actionSpace() instanceof Discrete) {
        throw new IllegalArgumentException("the victim's policy is " + victim.kind().describe() + ", and "
            + config.env() + " has action space " + loop.actionSpace());
      }
      this.discreteActions = loop.actionSpace() instanceof Discrete discrete ? discrete.n() : 0;
      this.inputSize = inputSize(loop.observationSpace(), loop.actionSpace());
      this.q = qSpec().build(new Shape(inputSize), manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 2));
      q.parameters().forEach(p -> p.setRequiresGradient(true));
      this.qWithoutGradients = q.mapParameters(NDArray::stopGradient);
      this.boundedQ = config.reg() > 0 && config.eps() > 0 ? new BoundedNetwork(q) : null;
      this.optimizer = new Adam(q.parameters(), manager, config.learningRate(), config.adamEps());
      this.rewardScaler = config.scaleRewards()
          ? new RewardScaler(1, config.gamma(), RobustSarsaConfig.REWARD_CLIP) : null;
      this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Q_RS's architecture: an MLP 64-64 tanh with one output, orthogonal init, output gain 1 (PPO's value net). */
  public static NetworkSpec qSpec() {
    return NetworkSpec.mlp(List.of(64, 64), "tanh", 1, 1.0);
  }

  /** Q_RS's input size for envs of these spaces: the flat observation, then the action (one-hot if Discrete). */
  public static int inputSize(Space<?> observationSpace, Space<?> actionSpace) {
    int actions = actionSpace instanceof Discrete discrete ? discrete.n() : ((Box) actionSpace).flatSize();
    return ((Box) observationSpace).flatSize() + actions;
  }

  /**
   * The Q_RS network saved in a checkpoint of this trainer, its arrays owned by {@code manager}.
   *
   * @param inputSize Q's input size ({@link #inputSize})
   * @throws IllegalArgumentException if the directory is not a Robust Sarsa checkpoint or the sizes do not fit
   */
  public static Network loadQ(Path checkpoint, int inputSize, NDManager manager) {
    Path state = checkpoint.resolve(STATE);
    Path tensors = checkpoint.resolve(TRAINER_TENSORS);
    if (!Files.isRegularFile(state) || !Files.isRegularFile(tensors)) {
      throw new IllegalArgumentException(checkpoint + " is not a Robust Sarsa checkpoint (it lacks " + STATE + " or "
          + TRAINER_TENSORS + ")");
    }
    String algorithm = Json.read(state, TrainerState.class).algorithm();
    if (!algorithm.equals(RobustSarsaConfig.defaults("unset").algorithm())) {
      throw new IllegalArgumentException(checkpoint + " is a " + algorithm + " checkpoint, not a Robust Sarsa one");
    }
    Network loaded = qSpec().build(new Shape(inputSize), manager, DataType.FLOAT32, 0);
    TensorFile.copyInto(TensorFile.read(tensors), Q, loaded.parameters());
    return loaded;
  }

  /** The Q_RS network being learned (its parameters require gradients; use a detached view to attack with it). */
  public Network qNetwork() {
    return q;
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    optimizer.setLearningRate(config.learningRateFactor(t) * config.learningRate());
    Rollout rollout = new Rollout(config.stepsPerIteration(), inputSize);
    List<Episode> episodes = collect(rollout);
    rolloutEnded();
    Map<String, Double> metrics = update(rollout, t);

    globalStep += config.stepsPerIteration();
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/learning_rate", optimizer.learningRate());
    row.putAll(metrics);
    row.put("charts/sps", config.stepsPerIteration() / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  /**
   * Runs the victim (sampling its actions) until the rollout is full, storing each step's input (s, a), reward
   * (scaled unless configured off), terminal flag and, one step later, its successor's input (s', a').
   *
   * @return the episodes that ended
   */
  private List<Episode> collect(Rollout rollout) {
    List<Episode> episodes = new ArrayList<>();
    int waiting = -1;
    for (int i = 0; i < rollout.size; i++) {
      try (NDManager scope = manager.newSubManager()) {
        Transition transition = loop.step(scope, victim,
            (view, state, starts) -> victim.act(view, state, starts, false, random));
        // Q learns the true states' values; an adversary on the loop would only change what the victim saw.
        float[] input = input(transition.states(), transition.acting().actions());
        if (waiting >= 0) {
          rollout.setSuccessor(waiting, input);
        }
        StepResult step = transition.step();
        double reward = rewardScaler == null ? step.rewards()[0] : rewardScaler.scale(step.rewards(), step.done())[0];
        rollout.add(input, reward, step.terminated()[0]);
        waiting = i;
        if (step.truncated()[0] && !step.terminated()[0]) {
          rollout.setSuccessor(i, sampledInput(scope, step.finalObservations()[0]));
          waiting = -1;
        }
        episodes.addAll(step.finished());
      }
    }
    if (waiting >= 0) {
      try (NDManager scope = manager.newSubManager()) {
        rollout.setSuccessor(waiting, sampledInput(scope, loop.observations()[0]));
      }
    }
    return episodes;
  }

  /** The input (s, a) at a raw observation, with an action sampled from the victim there. */
  private float[] sampledInput(NDManager scope, double[] observation) {
    NDArray state = victim.normalize(scope, new double[][] {observation});
    Acting acting = victim.act(state, PolicyState.NONE, new boolean[] {false}, false, random);
    return input(state, acting.actions());
  }

  /** One row of Q's input: the normalized state, flattened, then the action (one-hot for a Discrete space). */
  private float[] input(NDArray state, NDArray action) {
    float[] row = new float[inputSize];
    System.arraycopy(state.toType(DataType.FLOAT32, false).toFloatArray(), 0, row, 0, observationSize);
    if (discreteActions > 0) {
      row[observationSize + (int) action.toType(DataType.INT64, false).toLongArray()[0]] = 1;
    } else {
      System.arraycopy(action.toType(DataType.FLOAT32, false).toFloatArray(), 0, row, observationSize,
          inputSize - observationSize);
    }
    return row;
  }

  /**
   * The Robust Sarsa update of one iteration: {@code epochs} passes over the rollout in shuffled minibatches, each one
   * Adam step on {@code SmoothL1(Q(s, a), y) + reg·R} with the detached target {@code y = r + γ·(1 − terminated)·
   * Q(s', a')} and, while ε_t > 0 and reg > 0, {@code R = mean(max(ub − Q, Q − lb)²)} over the ball B∞((s, a), ε_t).
   */
  private Map<String, Double> update(Rollout rollout, int t) {
    int[] order = new int[rollout.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int n = config.minibatchSize();
    double tdLossSum = 0;
    double qSum = 0;
    double regularizerSum = 0;
    int regularized = 0;
    int k = 0;
    double eps = 0;
    double crownIbpWeight = 1;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      RolloutBuffer.shuffle(order, random);
      for (int from = 0; from < rollout.size; from += n, k++) {
        eps = config.epsilon(t, k);
        crownIbpWeight = config.crownIbpWeight(t, k);
        boolean robust = boundedQ != null && eps > 0;
        try (NDManager scope = manager.newSubManager()) {
          NDArray inputs = RolloutBuffer.matrix(scope, rollout.inputs, inputSize, order, from, n);
          NDArray successors = RolloutBuffer.matrix(scope, rollout.successors, inputSize, order, from, n);
          NDArray rewards = RolloutBuffer.vector(scope, rollout.rewards, order, from, n);
          NDArray notTerminal = RolloutBuffer.vector(scope, rollout.notTerminal, order, from, n);
          NDArray target = rewards.add(Scalars.mul(qWithoutGradients.forward(successors).reshape(-1).mul(notTerminal),
              config.gamma()));

          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray qValues = q.forward(inputs).reshape(-1);
            NDArray tdLoss = DqnTrainer.huber(qValues.sub(target)).mean();
            NDArray loss = tdLoss;
            // The robust regulariser, inside this collector: the bound engine's passes are differentiable in Q's
            // weights, and DJL allows one collector at a time.
            NDArray regularizer = null;
            if (robust) {
              Bounds bounds = boundedQ.mixed(LpBall.of(inputs, Norm.INF, eps), crownIbpWeight, null, BoundSide.BOTH);
              NDArray deviation = bounds.upper().reshape(-1).sub(qValues)
                  .maximum(qValues.sub(bounds.lower().reshape(-1)));
              regularizer = deviation.square().mean();
              loss = loss.add(Scalars.mul(regularizer, config.reg()));
            }
            float lossValue = loss.getFloat();
            if (!Float.isFinite(lossValue)) {
              throw new TrainingDivergedException("the Robust Sarsa loss", t, lastCheckpoint());
            }
            collector.backward(loss);
            tdLossSum += tdLoss.getFloat();
            qSum += qValues.mean().getFloat();
            if (regularizer != null) {
              regularizerSum += regularizer.getFloat();
              regularized++;
            }
          }
          optimizer.step();
        }
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("losses/td_loss", tdLossSum / k);
    metrics.put("losses/q_value", qSum / k);
    // The schedule's values at the iteration's last minibatch; the regulariser's mean over the minibatches it was on.
    metrics.put("robust/eps", eps);
    metrics.put("robust/crown_ibp_weight", boundedQ != null ? crownIbpWeight : Double.NaN);
    metrics.put("robust/regularizer", regularized > 0 ? regularizerSum / regularized : Double.NaN);
    return metrics;
  }

  /** One iteration's samples: Q's inputs (s, a), their successors' (s', a'), rewards and 1 − terminated. */
  private static final class Rollout {
    final int size;
    final int width;
    final float[] inputs;
    final float[] successors;
    final float[] rewards;
    final float[] notTerminal;
    private int next;

    Rollout(int size, int width) {
      this.size = size;
      this.width = width;
      this.inputs = new float[size * width];
      this.successors = new float[size * width];
      this.rewards = new float[size];
      this.notTerminal = new float[size];
    }

    void add(float[] input, double reward, boolean terminated) {
      System.arraycopy(input, 0, inputs, next * width, width);
      rewards[next] = (float) reward;
      notTerminal[next] = terminated ? 0 : 1;
      next++;
    }

    void setSuccessor(int i, float[] successor) {
      System.arraycopy(successor, 0, successors, i * width, width);
    }
  }

  // Checkpoints.

  /**
   * Everything besides the arrays that a checkpoint holds.
   *
   * @param victim the fingerprint of the victim's parameters and normaliser, which a resumed run must match
   */
  record TrainerState(String algorithm, int iteration, long globalStep, long randomState, long adamStep,
      double learningRate, RewardScaler.State rewardScaler, RunnerState runner, long victim)
      implements TrainerBase.State {}

  /** Q and its Adam moments as arrays; the rest as {@link TrainerState}. */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    AdamState adam = optimizer.state();
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, random.state(), adam.step(),
        adam.learningRate(), rewardScaler == null ? null : rewardScaler.state(), loop.state(), fingerprint(victim));
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named(Q, q.parameters()));
    tensors.putAll(adam.entries("q_adam", q.parameters()));
    return new TrainerCheckpoint<>(state, tensors);
  }

  /** @throws IllegalStateException if the checkpoint was written for another victim */
  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    if (state.victim() != fingerprint(victim)) {
      throw new IllegalStateException("this Robust Sarsa checkpoint was written for another victim (its parameters or"
          + " normaliser differ); resume it with the policy it was started with");
    }
    TensorFile.copyInto(tensors, Q, q.parameters());
    optimizer.restore(AdamState.fromEntries(tensors, "q_adam", q.parameters().size(), state.adamStep(),
        state.learningRate()));
    if (rewardScaler != null) {
      rewardScaler.restore(state.rewardScaler());
    }
    random.restore(state.randomState());
    loop.restore(state.runner());
  }

  /** A hash of the victim's parameters and normaliser statistics. */
  static long fingerprint(Policy policy) {
    long hash = policy.kind().ordinal();
    for (NDArray parameter : policy.parameters()) {
      hash = SplitMix64.hash(hash, Arrays.hashCode(parameter.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    RunningMeanStd.State statistics = policy.normalizer().statistics();
    if (statistics != null) {
      hash = SplitMix64.hash(hash, Arrays.hashCode(statistics.mean()), Arrays.hashCode(statistics.var()),
          Double.hashCode(statistics.count()));
    }
    return hash;
  }

  /** The victim: it acts, and nothing here trains it. */
  @Override
  public Policy policy() {
    return victim;
  }

  /** None: the run trains no policy, and its checkpoints hold none (the victim is the caller's to keep). */
  @Override
  public Map<String, Policy> policies() {
    return Map.of();
  }
}
