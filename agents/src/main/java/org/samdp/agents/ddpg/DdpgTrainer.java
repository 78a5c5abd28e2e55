package org.samdp.agents.ddpg;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.TargetNetworks;
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.replay.ReplayBuffer;
import org.samdp.agents.robust.ActionChange;
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
import org.samdp.agents.run.TrainingEvaluation;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingDivergedException;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.InputBox;
import org.samdp.envs.spaces.Box;

/**
 * DDPG and SA-DDPG (dissertation §6.3.1.2, §6.7.2.2, as the authors' code runs them): a deterministic
 * actor with a tanh output and a critic on {@code concat(s, a)}, uniform replay filled by uniformly random actions,
 * Ornstein-Uhlenbeck exploration and one update per environment step: the critic on the TD target of the target
 * networks, then the actor on {@code −Q(s, π(s))} through the just-updated critic, plus for SA-DDPG {@code κ·R} (the
 * action change over the box of ε_t state stds, by SGLD or convex relaxation), then both soft target updates.
 *
 * <p>The actor is a {@link DeterministicPolicy} on raw observations (the identity normaliser, as the authors'
 * networks see raw states; ε's per-dimension std units are the regulariser's own scale,
 * {@link DdpgConfig#radiusScale}). Every {@code run.evalEvery} steps the deterministic actor plays
 * {@code run.evalDuringTraining} episodes and the run keeps its best checkpoint so far beside the latest.
 *
 * <p>One environment is stepped. Runs are reproducible: all randomness comes from the seed, and a checkpoint holds
 * everything needed to continue the same learning curve bit for bit (actor, critic, both targets, both Adams, the
 * replay buffer, the noise process, the generator and the environment).
 */
public final class DdpgTrainer extends TrainerBase<DdpgConfig, DdpgTrainer.TrainerState> {
  /** The metric columns, in order. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/updates", "replay/size", "losses/critic_loss",
      "losses/actor_loss", "losses/q_values", "robust/eps", "robust/crown_ibp_weight", "robust/regularizer",
      "eval/episodic_return", "charts/sps");

  private final DdpgConfig.Ddpg ddpg;
  private final DeterministicPolicy policy;
  /** The actor up to and including its tanh: actions in [−1, 1], where the regulariser measures them. */
  private final Network tanhActor;
  private final Network tanhActorWithoutGradients;
  /** The fixed affine map from [−1, 1] onto the action bounds, or null when actions are only clipped. */
  private final Linear rescale;
  private final Network targetActor;
  private final Network critic;
  private final Network criticWithoutGradients;
  private final Network targetCritic;
  private final Adam actorOptimizer;
  private final Adam criticOptimizer;
  private final List<NDArray> actorParameters;
  private final ReplayBuffer replay;
  private final OrnsteinUhlenbeck noise;
  private final BoundedNetwork boundedPreTanh;
  private final ProjectedGradient sgld;
  private final SplitMix64 random;
  private final Box bounds;
  private final int observationSize;
  private final int actionSize;
  private final float[] stateScale;
  private long updates;

  /**
   * A fresh trainer on one env from {@code envs}.
   *
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for an unknown env, an action space that is not a bounded Box, or a
   *     {@code robust.stateStd} that does not fit the observations
   */
  public DdpgTrainer(DdpgConfig config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, 1, config.seed()), run,
        callbacks);
    this.ddpg = config.ddpg();
    try {
      this.bounds = loop.actionBounds();
      if (bounds == null || !bounds.isBounded()) {
        throw new IllegalArgumentException(config.env() + " has action space " + loop.actionSpace()
            + "; DDPG needs a bounded Box action space");
      }
      this.observationSize = ((Box) loop.observationSpace()).flatSize();
      this.actionSize = bounds.flatSize();
      double[] scale = config.radiusScale(observationSize);
      this.stateScale = new float[observationSize];
      for (int i = 0; i < observationSize; i++) {
        stateScale[i] = (float) scale[i];
      }

      NetworkSpec actorSpec = actorSpec(ddpg, actionSize);
      PolicySpec spec = new PolicySpec(PolicyKind.DETERMINISTIC, List.of(observationSize), actorSpec, actionSize);
      Shape observationShape = new Shape(observationSize);
      Network actor = actorSpec.build(observationShape, manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 1));
      this.rescale = ddpg.rescaleActions() ? setRescale(actor, bounds) : null;
      this.policy = new DeterministicPolicy(spec, ObservationNormalizer.identity(observationSize), actor);
      List<Layer> layers = actor.layers();
      int tanh = layers.size() - (rescale == null ? 1 : 2);
      this.tanhActor = new Network(observationShape, layers.subList(0, tanh + 1));
      this.tanhActorWithoutGradients = tanhActor.mapParameters(NDArray::stopGradient);
      this.actorParameters = tanhActor.parameters();
      if (rescale != null) {
        // The rescaling is fixed: no gradient flows into it and no optimiser moves it.
        rescale.parameters().forEach(p -> p.setRequiresGradient(false));
      }
      this.targetActor = actorSpec.build(observationShape, manager, DataType.FLOAT32, 0);
      TargetNetworks.copy(actor, targetActor);

      NetworkSpec criticSpec = Critic.spec(ddpg);
      Shape criticInput = new Shape(observationSize + actionSize);
      this.critic = criticSpec.build(criticInput, manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 2));
      critic.parameters().forEach(p -> p.setRequiresGradient(true));
      this.criticWithoutGradients = critic.mapParameters(NDArray::stopGradient);
      this.targetCritic = criticSpec.build(criticInput, manager, DataType.FLOAT32, 0);
      TargetNetworks.copy(critic, targetCritic);

      this.actorOptimizer = new Adam(actorParameters, manager, ddpg.actorLearningRate(), ddpg.adamEps());
      this.criticOptimizer = new Adam(critic.parameters(), manager, ddpg.criticLearningRate(), ddpg.adamEps());
      this.replay = ReplayBuffer.uniform(config.replay().capacity(), observationSize, actionSize);
      this.noise = new OrnsteinUhlenbeck(actionSize, ddpg.noiseTheta(), ddpg.noiseSigma(), ddpg.noiseDt());
      boolean robust = config.robustEnabled();
      this.boundedPreTanh = robust && config.robust().solver() == DdpgConfig.Solver.CONVEX
          ? new BoundedNetwork(new Network(observationShape, layers.subList(0, tanh))) : null;
      this.sgld = robust && config.robust().solver() == DdpgConfig.Solver.SGLD
          ? new ProjectedGradient(config.robust().sgldSteps(), null, false, config.robust().sgldTemperature(),
              ProjectedGradient.Noise.DECAYING)
          : null;
      this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The actor's architecture: hidden ReLU layers with PyTorch's default init, an output layer orthogonal ×1e-3 with
   * zero bias, tanh; with {@code ddpg.rescaleActions} a linear layer after it that {@link #setRescale} fixes (so the
   * architecture depends on the action bounds only through their size).
   */
  public static NetworkSpec actorSpec(DdpgConfig.Ddpg ddpg, int actionSize) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int width : ddpg.actorHidden()) {
      layers.add(LayerSpec.linear(width));
      layers.add(LayerSpec.of("relu"));
    }
    layers.add(LayerSpec.linear(actionSize, Critic.OUTPUT_GAIN));
    layers.add(LayerSpec.of("tanh"));
    if (ddpg.rescaleActions()) {
      layers.add(LayerSpec.linear(actionSize, 1.0));
    }
    return new NetworkSpec(layers);
  }

  /** Sets the actor's last layer to {@code a ↦ (high − low)/2 · a + (high + low)/2} and returns it. */
  private static Linear setRescale(Network actor, Box bounds) {
    Linear last = (Linear) actor.layers().get(actor.layers().size() - 1);
    int n = bounds.flatSize();
    float[] weight = new float[n * n];
    float[] bias = new float[n];
    for (int i = 0; i < n; i++) {
      weight[i * n + i] = (float) ((bounds.high(i) - bounds.low(i)) / 2);
      bias[i] = (float) ((bounds.high(i) + bounds.low(i)) / 2);
    }
    last.weight().set(weight);
    last.bias().set(bias);
    return last;
  }

  /** Sums of the update statistics of one iteration. */
  private static final class UpdateSums {
    int count;
    double criticLoss;
    double actorLoss;
    double qValues;
    double regularizer;
    int regularized;
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    List<Episode> episodes = new ArrayList<>();
    UpdateSums sums = new UpdateSums();
    for (int k = 0; k < config.run().stepsPerIteration(); k++) {
      episodes.addAll(environmentStep());
      if (replay.size() >= Math.max(ddpg.warmupSteps(), ddpg.batchSize())) {
        update(globalStep, sums);
      }
    }
    rolloutEnded();
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/updates", (double) updates);
    row.put("replay/size", (double) replay.size());
    row.put("losses/critic_loss", sums.count == 0 ? Double.NaN : sums.criticLoss / sums.count);
    row.put("losses/actor_loss", sums.count == 0 ? Double.NaN : sums.actorLoss / sums.count);
    row.put("losses/q_values", sums.count == 0 ? Double.NaN : sums.qValues / sums.count);
    boolean robust = config.robustEnabled();
    row.put("robust/eps", robust ? config.epsilon(globalStep) : Double.NaN);
    row.put("robust/crown_ibp_weight", boundedPreTanh != null ? config.crownIbpWeight(globalStep) : Double.NaN);
    row.put("robust/regularizer", sums.regularized == 0 ? Double.NaN : sums.regularizer / sums.regularized);
    row.put(TrainingEvaluation.RETURN, Double.NaN); // filled in by the evaluation during training, when there is one
    row.put("charts/sps", config.run().stepsPerIteration() / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  /**
   * One environment step: a uniformly random action while the buffer fills ({@code ddpg.warmupSteps}), then the
   * actor's action plus Ornstein-Uhlenbeck noise, clipped to the action bounds; the transition goes into the buffer
   * with its last observation as the next state when the episode ended, terminal only if the env terminated (or, with
   * {@code ddpg.bootstrapTruncated=false}, also at a time limit). The noise restarts with every episode.
   */
  private List<Episode> environmentStep() {
    double[] observation = loop.observations()[0];
    boolean exploring = globalStep < ddpg.warmupSteps();
    StepResult step;
    double[] action;
    try (NDManager scope = manager.newSubManager()) {
      Transition transition = loop.step(scope, policy, (view, state, starts) -> {
        double[] chosen = new double[actionSize];
        if (exploring) {
          for (int i = 0; i < actionSize; i++) {
            chosen[i] = bounds.low(i) + random.nextDouble() * (bounds.high(i) - bounds.low(i));
          }
        } else {
          float[] mean = policy.actDeterministic(view).toFloatArray();
          double[] explore = noise.sample(random);
          for (int i = 0; i < actionSize; i++) {
            chosen[i] = Math.min(Math.max(mean[i] + explore[i], bounds.low(i)), bounds.high(i));
          }
        }
        return new Acting(view.getManager().create(chosen, new Shape(1, actionSize)).toType(DataType.FLOAT32, false),
            null, state);
      });
      step = transition.step();
      action = toDoubles(transition.acting().actions().toFloatArray());
    }
    boolean done = step.done(0);
    double[] nextObservation = done ? step.finalObservations()[0] : step.observations()[0];
    boolean terminal = ddpg.bootstrapTruncated() ? step.terminated()[0] : done;
    replay.add(observation, action, step.rewards()[0], nextObservation, terminal);
    if (done) {
      noise.reset();
    }
    globalStep++;
    return step.finished();
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  /**
   * One DDPG update on a uniform minibatch, in the authors' order: (1) the critic on
   * {@code ½·mean((Q(s, a) − y)²)}, {@code y = r + γ·(1 − terminal)·Q'(s', π'(s'))}; (2) the actor on
   * {@code −mean Q(s, π(s))} through the just-updated critic, plus {@code κ·R} for SA-DDPG once ε_t > 1e-10; (3) the
   * soft target updates.
   */
  private void update(long step, UpdateSums sums) {
    int batchSize = ddpg.batchSize();
    ReplayBuffer.Batch batch = replay.sample(batchSize, 0, random);
    try (NDManager scope = manager.newSubManager()) {
      NDArray states = scope.create(batch.observations(), new Shape(batchSize, observationSize));
      NDArray actions = scope.create(batch.actions(), new Shape(batchSize, actionSize));
      NDArray nextStates = scope.create(batch.nextObservations(), new Shape(batchSize, observationSize));
      NDArray notTerminal = scope.create(batch.terminated()).neg().add(1f);

      // (1) The critic. The target networks hold no gradients.
      NDArray nextQ = Critic.q(targetCritic, nextStates, targetActor.forward(nextStates));
      NDArray targets = scope.create(batch.rewards()).add(Scalars.mul(nextQ.mul(notTerminal), ddpg.gamma()));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray q = Critic.q(critic, states, actions);
        NDArray criticLoss = Scalars.mul(q.sub(targets).square().mean(), 0.5);
        float criticLossValue = criticLoss.getFloat();
        if (!Float.isFinite(criticLossValue)) {
          throw new TrainingDivergedException("the DDPG critic loss", iteration() + 1, lastCheckpoint());
        }
        collector.backward(criticLoss);
        sums.criticLoss += criticLossValue;
        sums.qValues += q.mean().getFloat();
      }
      criticOptimizer.step();

      // (2) The actor. SGLD's inner maximisation runs its own gradient passes, on detached weights, before the loss's
      // collector opens (DJL allows one at a time); the authors skip the regulariser while ε_t <= 1e-10.
      double eps = config.robustEnabled() ? config.epsilon(step) : 0;
      boolean regularize = eps > 1e-10;
      NDArray scale = scope.create(stateScale);
      NDArray perturbed = regularize && sgld != null
          ? sgldStates(sgld, tanhActorWithoutGradients, states, scale, eps, random) : null;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray tanhActions = tanhActor.forward(states);
        NDArray policyActions = rescale == null ? tanhActions : rescale.forward(tanhActions);
        NDArray actorLoss = Critic.q(criticWithoutGradients, states, policyActions).mean().neg();
        NDArray loss = actorLoss;
        NDArray saRegularizer = null;
        if (regularize) {
          // R, in the authors' code's form: at SGLD's ŝ, or the convex bound over the whole box of ε_t state stds.
          saRegularizer = perturbed != null
              ? ActionChange.meanSquared(tanhActor.forward(perturbed), tanhActions)
              : ActionChange.meanSquaredUpperBound(boundedPreTanh, stateBox(states, scale, eps), tanhActions,
                  config.crownIbpWeight(step));
          loss = loss.add(Scalars.mul(saRegularizer, config.robust().kappa()));
        }
        float lossValue = loss.getFloat();
        if (!Float.isFinite(lossValue)) {
          throw new TrainingDivergedException("the DDPG actor loss", iteration() + 1, lastCheckpoint());
        }
        collector.backward(loss);
        sums.actorLoss += actorLoss.getFloat();
        if (saRegularizer != null) {
          sums.regularizer += saRegularizer.getFloat();
          sums.regularized++;
        }
      }
      actorOptimizer.step();

      // (3) The targets follow both networks.
      TargetNetworks.softUpdate(policy.network(), targetActor, ddpg.tau());
      TargetNetworks.softUpdate(critic, targetCritic, ddpg.tau());
    }
    sums.count++;
    updates++;
  }

  /**
   * SGLD's ŝ (the authors' code's steps) in units of the state std: δ starts at {@code η·sign(ξ)} and takes
   * {@code sgld.steps()} signed steps of η = ε_t / steps up the squared action change of {@code tanhActor} (detached weights), inside
   * {@code |δ| <= ε_t}; then {@code ŝ = s + δ·σ}.
   *
   * @param scale the per-dimension state std σ {@code [n]}
   */
  static NDArray sgldStates(ProjectedGradient sgld, Network tanhActor, NDArray states, NDArray scale, double eps,
      RandomGenerator random) {
    NDArray clean = tanhActor.forward(states);
    float eta = (float) (eps / sgld.steps());
    float[] start = new float[Math.toIntExact(states.size())];
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextGaussian() >= 0 ? eta : -eta;
    }
    NDArray delta = sgld.maximize(d -> ActionChange.squared(tanhActor.forward(states.add(d.mul(scale))), clean),
        states.zerosLike(), states.getManager().create(start, states.getShape()),
        ThreatModel.unbounded(eps, Math.toIntExact(states.getShape().get(1))), random);
    return states.add(delta.mul(scale));
  }

  /** The box {@code s ± ε_t·σ} around each state, the convex relaxation's input set. */
  static InputBox stateBox(NDArray states, NDArray scale, double eps) {
    NDArray radius = Scalars.mul(scale, eps);
    return new InputBox(states.sub(radius), states.add(radius));
  }

  /** An SA-DDPG run keeps a best checkpoint only once ε_t is final. */
  @Override
  protected boolean mayKeepBest() {
    return config.epsilonFinal(globalStep);
  }

  // Checkpoints.

  /**
   * Everything besides the arrays that a checkpoint holds. Checkpoints written before the best return moved to
   * {@code evaluations.csv} also hold {@code bestReturn}, which is ignored.
   */
  @JsonIgnoreProperties("bestReturn")
  record TrainerState(String algorithm, int iteration, long globalStep, long updates, long randomState,
      long actorAdamStep, double actorLearningRate, long criticAdamStep, double criticLearningRate,
      ReplayBuffer.State replay, double[] noise, RunnerState runner)
      implements TrainerBase.State {}

  /** The critic, both targets, both optimisers' moments and the replay buffer as arrays; the rest as state. */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    AdamState actorAdam = actorOptimizer.state();
    AdamState criticAdam = criticOptimizer.state();
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, updates, random.state(),
        actorAdam.step(), actorAdam.learningRate(), criticAdam.step(), criticAdam.learningRate(), replay.state(),
        noise.state(), loop.state());
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named(Algorithm.CRITIC,
        critic.parameters()));
    tensors.putAll(TensorFile.named("target_actor", targetActor.parameters()));
    tensors.putAll(TensorFile.named("target_critic", targetCritic.parameters()));
    tensors.putAll(actorAdam.entries("actor_adam", actorParameters));
    tensors.putAll(criticAdam.entries("critic_adam", critic.parameters()));
    tensors.putAll(replay.arrays("replay"));
    return new TrainerCheckpoint<>(state, tensors);
  }

  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    TensorFile.copyInto(tensors, Algorithm.CRITIC, critic.parameters());
    TensorFile.copyInto(tensors, "target_actor", targetActor.parameters());
    TensorFile.copyInto(tensors, "target_critic", targetCritic.parameters());
    actorOptimizer.restore(AdamState.fromEntries(tensors, "actor_adam", actorParameters.size(),
        state.actorAdamStep(), state.actorLearningRate()));
    criticOptimizer.restore(AdamState.fromEntries(tensors, "critic_adam", critic.parameters().size(),
        state.criticAdamStep(), state.criticLearningRate()));
    replay.restore(state.replay(), tensors, "replay");
    noise.restore(state.noise());
    loop.restore(state.runner());
    random.restore(state.randomState());
    updates = state.updates();
  }

  /** The deterministic actor being trained. */
  @Override
  public Policy policy() {
    return policy;
  }

  /** The critic Q(s, a) being trained, over {@code concat(s, a)}; it shares the trainer's arrays. */
  public Network critic() {
    return critic;
  }
}
