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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.ddpg.Critic;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.ddpg.OrnsteinUhlenbeck;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.TargetNetworks;
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.replay.ReplayBuffer;
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
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;

/**
 * Learns the Robust Sarsa critic {@code Q_RS(s, a)} of a fixed deterministic actor in the SA-DDPG authors'
 * code's form: phase 1 fills a uniform replay buffer with the victim's action plus Ornstein-Uhlenbeck noise, clipped to
 * the action bounds, without updates; phase 2 trains a freshly initialised critic of the victim's critic architecture
 * on minibatches with the loss {@code ½·mean((Q(s, a) − y)²) + reg·mean(ub − lb)}, where
 * {@code y = r + γ·(1 − terminated)·Q'(s', π(s'))} takes the victim's own deterministic action at s' (not the stored
 * next action) and {@code [lb, ub]} bounds Q over the action-only ball {@code a ± p·actionStd} with the state fixed.
 * The target critic Q' follows Q by a soft mix per update.
 *
 * <p>Q's input is {@code concat(normalized state, action)}, the same as the DDPG critic's and the attack's
 * ({@link RobustSarsaAttack}). Checkpoints hold Q, its target, its Adam state, the replay buffer, the noise process,
 * the generator and the envs, plus the victim's fingerprint; a resumed run continues bit for bit. They hold no
 * policy ({@link #policies()} is empty).
 */
public final class DdpgSarsaTrainer extends TrainerBase<DdpgSarsaConfig, DdpgSarsaTrainer.TrainerState> {
  /** The metric columns, in order. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/updates", "replay/size", "losses/td_loss",
      "losses/q_value", "robust/eps", "robust/crown_ibp_weight", "robust/regularizer", "charts/sps");

  private final Policy victim;
  private final DdpgConfig.Ddpg ddpg;
  private final Box bounds;
  private final int observationSize;
  private final int actionSize;
  private final Network q;
  private final Network targetQ;
  private final BoundedNetwork boundedQ;
  /** Per input value, the ball's scale: 0 on the state, the action std on the action. */
  private final float[] ballScale;
  private final Adam optimizer;
  private final ReplayBuffer replay;
  private final OrnsteinUhlenbeck noise;
  private final SplitMix64 random;
  private long updates;

  /**
   * A fresh trainer of Q_RS for {@code victim} on one env from {@code envs}.
   *
   * @param victim the fixed deterministic actor; its normaliser is not updated
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for a victim that is not a deterministic actor or does not fit the env, or an
   *     env without a bounded Box action space
   */
  public DdpgSarsaTrainer(DdpgSarsaConfig config, Policy victim, EnvSource envs, RunDirectory run,
      List<TrainingCallback> callbacks) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, 1, config.seed()), run, callbacks);
    try {
      if (victim.kind() != PolicyKind.DETERMINISTIC) {
        throw new IllegalArgumentException("the DDPG form of Robust Sarsa needs a deterministic actor, and this"
            + " victim's policy is " + victim.kind().describe());
      }
      this.victim = victim;
      this.ddpg = config.ddpg();
      this.bounds = loop.actionBounds();
      if (bounds == null || !bounds.isBounded()) {
        throw new IllegalArgumentException(config.env() + " has action space " + loop.actionSpace()
            + "; the DDPG form of Robust Sarsa needs a bounded Box action space");
      }
      this.observationSize = ((Box) loop.observationSpace()).flatSize();
      this.actionSize = bounds.flatSize();
      if (victim.normalizer().size() != observationSize) {
        throw new IllegalArgumentException("the victim takes observations of " + victim.normalizer().size()
            + " values, " + config.env() + " has " + observationSize);
      }
      Shape input = new Shape(observationSize + actionSize);
      this.q = Critic.spec(ddpg).build(input, manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 2));
      q.parameters().forEach(p -> p.setRequiresGradient(true));
      this.targetQ = Critic.spec(ddpg).build(input, manager, DataType.FLOAT32, 0);
      TargetNetworks.copy(q, targetQ);
      this.boundedQ = config.reg() > 0 && config.eps() > 0 ? new BoundedNetwork(q) : null;
      this.ballScale = ballScale(observationSize, config.actionScale(actionSize));
      this.optimizer = new Adam(q.parameters(), manager, ddpg.criticLearningRate(), ddpg.adamEps());
      this.replay = ReplayBuffer.uniform(Math.toIntExact(config.sampleSteps()), observationSize, actionSize);
      this.noise = new OrnsteinUhlenbeck(actionSize, ddpg.noiseTheta(), ddpg.noiseSigma(), ddpg.noiseDt());
      this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** 0 for each state value (the state is not perturbed), then the action std: the ball's per-input scale. */
  private static float[] ballScale(int observationSize, double[] actionStd) {
    float[] scale = new float[observationSize + actionStd.length];
    for (int i = 0; i < actionStd.length; i++) {
      scale[observationSize + i] = (float) actionStd[i];
    }
    return scale;
  }

  /**
   * The loader of this trainer's configurations; a resumed run's file names every key, so the defaults' victim
   * settings are only placeholders.
   */
  public static ConfigLoader<DdpgSarsaConfig> loader(String env, DdpgConfig.Ddpg ddpg) {
    return new ConfigLoader<>(DdpgSarsaConfig.class, DdpgSarsaConfig.defaults(env, ddpg));
  }

  /**
   * The Q_RS network saved in a checkpoint of this trainer (the online one), its arrays owned by {@code manager}.
   *
   * @throws IllegalArgumentException if the directory is not a checkpoint of this trainer or the sizes do not fit
   */
  public static Network loadQ(Path checkpoint, int observationSize, int actionSize, NDManager manager) {
    Path state = checkpoint.resolve(STATE);
    Path tensors = checkpoint.resolve(TRAINER_TENSORS);
    Path config = checkpoint.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(state) || !Files.isRegularFile(tensors) || !Files.isRegularFile(config)) {
      throw new IllegalArgumentException(checkpoint + " is not a Robust Sarsa checkpoint (it lacks " + STATE + ", "
          + TRAINER_TENSORS + " or " + RunDirectory.CONFIG + ")");
    }
    DdpgSarsaConfig saved = loader("unset", DdpgConfig.Ddpg.DEFAULTS).load(config, List.of());
    String algorithm = Json.read(state, TrainerState.class).algorithm();
    if (!algorithm.equals(saved.algorithm())) {
      throw new IllegalArgumentException(checkpoint + " is a " + algorithm + " checkpoint, not a DDPG-form Robust"
          + " Sarsa one");
    }
    Network loaded = Critic.spec(saved.ddpg()).build(new Shape(observationSize + actionSize), manager,
        DataType.FLOAT32, 0);
    TensorFile.copyInto(TensorFile.read(tensors), RobustSarsaTrainer.Q, loaded.parameters());
    return loaded;
  }

  /** The Q_RS network being learned (its parameters require gradients; use a detached view to attack with it). */
  public Network qNetwork() {
    return q;
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    boolean sampling = t <= config.samplingIterations();
    List<Episode> episodes = new ArrayList<>();
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (sampling) {
      for (int k = 0; k < config.stepsPerIteration(); k++) {
        episodes.addAll(environmentStep());
      }
      rolloutEnded();
    } else {
      metrics.putAll(update(t));
    }
    globalStep += config.stepsPerIteration();
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/updates", (double) updates);
    row.put("replay/size", (double) replay.size());
    for (String column : List.of("losses/td_loss", "losses/q_value", "robust/eps", "robust/crown_ibp_weight",
        "robust/regularizer")) {
      row.put(column, metrics.getOrDefault(column, Double.NaN));
    }
    row.put("charts/sps", config.stepsPerIteration() / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  /**
   * One step of the victim's deterministic action plus noise, clipped to the action bounds, into the buffer (the
   * normalized observations; the episode's last observation as the next state when it ended, terminal only where the
   * env terminated unless the victim's {@code ddpg.bootstrapTruncated} is off). The noise restarts with every episode.
   */
  private List<Episode> environmentStep() {
    try (NDManager scope = manager.newSubManager()) {
      Transition transition = loop.step(scope, victim, (view, state, starts) -> {
        float[] mean = victim.actDeterministic(view).toFloatArray();
        double[] explore = noise.sample(random);
        double[] chosen = new double[actionSize];
        for (int i = 0; i < actionSize; i++) {
          chosen[i] = Math.min(Math.max(mean[i] + explore[i], bounds.low(i)), bounds.high(i));
        }
        return new Acting(view.getManager().create(chosen, new Shape(1, actionSize)).toType(DataType.FLOAT32, false),
            null, state);
      });
      StepResult step = transition.step();
      boolean done = step.done(0);
      double[] next = done ? step.finalObservations()[0] : step.observations()[0];
      boolean terminal = ddpg.bootstrapTruncated() ? step.terminated()[0] : done;
      replay.add(doubles(transition.states()), doubles(transition.acting().actions()), step.rewards()[0],
          doubles(victim.normalize(scope, new double[][] {next})), terminal);
      if (done) {
        noise.reset();
      }
      return step.finished();
    }
  }

  private static double[] doubles(NDArray array) {
    return array.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * The TD target {@code y = r + γ·(1 − terminated)·Q'(s', π(s'))}: the next action is the victim's deterministic
   * action at s', as the authors' code takes it, whatever action the noisy behaviour took there.
   *
   * @param nextStates normalized s' {@code [B, n]}
   */
  static NDArray target(Network targetQ, Policy victim, NDArray rewards, NDArray nextStates, NDArray notTerminal,
      double gamma) {
    NDArray nextQ = Critic.q(targetQ, nextStates, victim.actDeterministic(nextStates));
    return rewards.add(Scalars.mul(nextQ.mul(notTerminal), gamma));
  }

  /**
   * The action-only ball of radius {@code p} around each (s, a) input: ℓ∞ with per-input radius p times
   * {@code scale} (0 on the state, the action std on the action).
   */
  static LpBall actionBall(NDArray inputs, float[] scale, double p) {
    return LpBall.of(inputs, Norm.INF, p).masked(inputs.getManager().create(scale));
  }

  /**
   * One iteration of phase 2: {@code stepsPerIteration} Adam steps on {@code ½·mean((Q(s, a) − y)²) + reg·R}, with
   * {@code R = mean(ub − lb)} over the action ball of radius p_u while p_u > 0 and reg > 0 (bounds mixed
   * CROWN-IBP/IBP by the schedule's weight), each followed by the soft target update.
   */
  private Map<String, Double> update(int t) {
    int batchSize = ddpg.batchSize();
    double tdLossSum = 0;
    double qSum = 0;
    double regularizerSum = 0;
    int regularized = 0;
    double eps = 0;
    double crownIbpWeight = 1;
    for (int k = 0; k < config.stepsPerIteration(); k++) {
      eps = config.actionEpsilon(updates);
      crownIbpWeight = config.crownIbpWeight(updates);
      boolean robust = boundedQ != null && eps > 0;
      ReplayBuffer.Batch batch = replay.sample(batchSize, 0, random);
      try (NDManager scope = manager.newSubManager()) {
        NDArray states = scope.create(batch.observations(), new Shape(batchSize, observationSize));
        NDArray actions = scope.create(batch.actions(), new Shape(batchSize, actionSize));
        NDArray nextStates = scope.create(batch.nextObservations(), new Shape(batchSize, observationSize));
        NDArray notTerminal = scope.create(batch.terminated()).neg().add(1f);
        NDArray targets = target(targetQ, victim.detached(), scope.create(batch.rewards()), nextStates, notTerminal,
            ddpg.gamma());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray inputs = states.concat(actions, 1);
          NDArray qValues = q.forward(inputs).reshape(-1);
          NDArray tdLoss = Scalars.mul(qValues.sub(targets).square().mean(), 0.5);
          NDArray loss = tdLoss;
          // The bound engine's passes are differentiable in Q's weights, and DJL allows one collector at a time.
          NDArray regularizer = null;
          if (robust) {
            Bounds qBounds = boundedQ.mixed(actionBall(inputs, ballScale, eps), crownIbpWeight, null, BoundSide.BOTH);
            regularizer = qBounds.upper().sub(qBounds.lower()).mean();
            loss = loss.add(Scalars.mul(regularizer, config.reg()));
          }
          float lossValue = loss.getFloat();
          if (!Float.isFinite(lossValue)) {
            throw new TrainingDivergedException("the DDPG-form Robust Sarsa loss", t, lastCheckpoint());
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
        TargetNetworks.softUpdate(q, targetQ, config.tau());
      }
      updates++;
    }
    int n = config.stepsPerIteration();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("losses/td_loss", tdLossSum / n);
    metrics.put("losses/q_value", qSum / n);
    // The schedule's values at the iteration's last update; the regulariser's mean over the updates it was on.
    metrics.put("robust/eps", eps);
    metrics.put("robust/crown_ibp_weight", boundedQ != null ? crownIbpWeight : Double.NaN);
    metrics.put("robust/regularizer", regularized > 0 ? regularizerSum / regularized : Double.NaN);
    return metrics;
  }

  // Checkpoints.

  /**
   * Everything besides the arrays that a checkpoint holds.
   *
   * @param victim the fingerprint of the victim's parameters and normaliser, which a resumed run must match
   */
  record TrainerState(String algorithm, int iteration, long globalStep, long updates, long randomState,
      long adamStep, double learningRate, ReplayBuffer.State replay, double[] noise, RunnerState runner, long victim)
      implements TrainerBase.State {}

  /** Q, its target, its Adam moments and the replay buffer as arrays; the rest as {@link TrainerState}. */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    AdamState adam = optimizer.state();
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, updates, random.state(),
        adam.step(), adam.learningRate(), replay.state(), noise.state(), loop.state(),
        RobustSarsaTrainer.fingerprint(victim));
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named(RobustSarsaTrainer.Q,
        q.parameters()));
    tensors.putAll(TensorFile.named("target_q", targetQ.parameters()));
    tensors.putAll(adam.entries("q_adam", q.parameters()));
    tensors.putAll(replay.arrays("replay"));
    return new TrainerCheckpoint<>(state, tensors);
  }

  /** @throws IllegalStateException if the checkpoint was written for another victim */
  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    if (state.victim() != RobustSarsaTrainer.fingerprint(victim)) {
      throw new IllegalStateException("this Robust Sarsa checkpoint was written for another victim (its parameters or"
          + " normaliser differ); resume it with the policy it was started with");
    }
    TensorFile.copyInto(tensors, RobustSarsaTrainer.Q, q.parameters());
    TensorFile.copyInto(tensors, "target_q", targetQ.parameters());
    optimizer.restore(AdamState.fromEntries(tensors, "q_adam", q.parameters().size(), state.adamStep(),
        state.learningRate()));
    replay.restore(state.replay(), tensors, "replay");
    noise.restore(state.noise());
    loop.restore(state.runner());
    random.restore(state.randomState());
    updates = state.updates();
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
