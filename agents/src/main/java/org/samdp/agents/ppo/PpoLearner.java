package org.samdp.agents.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.optim.GradientClipping;
import org.samdp.agents.optim.Gradients;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.robust.SaPpoRegularizer;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.RewardScaler;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.rollout.StepResult;
import org.samdp.agents.rollout.Transition;
import org.samdp.agents.run.TrainingDivergedException;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * One PPO or SA-PPO agent (Algorithm 6.5) as a component a trainer drives: its policy, value function, optimisers and
 * reward scaling; {@link #collect} fills a rollout from an {@link EpisodeLoop} (which may put an adversary between
 * the agent and its observations: the agent learns from what it saw), {@link #update} runs epochs of minibatches
 * minimising the clipped surrogate, the value loss and, for SA-PPO, {@code κ·R_PPO}, with separate Adam optimisers
 * for the policy and the value function. A trainer may drive two (ATLA's agent and adversary).
 *
 * <p>Recurrent agents (§3.5) carry the value function's state beside the policy's (which the episode loop keeps) and
 * train on whole sequences: the rollout split at episode ends, each minibatch a set of sequences zero-padded and
 * masked, gradients truncated every {@code historyLength} steps, each sequence starting from the state the rollout
 * started with (detached) or from zero where its episode starts.
 *
 * <p>All randomness (sampling, minibatch order, SGLD noise) comes from the learner's own generator, seeded, so a
 * checkpoint of {@link #state()} and {@link #tensors} continues it bit for bit.
 */
public final class PpoLearner {
  private final PpoConfig config;
  private final PpoConfig.Ppo ppo;
  private final Policy policy;
  private final Policy policyWithoutGradients;
  /** The value function: an MLP, or for recurrent agents null beside {@link #recurrentValue}. */
  private final Network value;
  private final RecurrentNetwork recurrentValue;
  private final PpoConfig.Recurrent recurrent;
  private final NDManager manager;
  /** The recurrent value function's state for the running episodes (recurrent agents; null until the first step). */
  private List<NDArray> valueState;
  private NDManager valueStateArrays;
  private final Adam policyOptimizer;
  private final Adam valueOptimizer;
  private final RewardScaler rewardScaler;
  private final BoundedNetwork boundedPolicy;
  private final ProjectedGradient sgld;
  private final SaPpoRegularizer saPpoRegularizer;
  private final SplitMix64 random;
  private final int observationSize;
  private final int actionSize;
  private final int numEnvs;

  /**
   * A fresh learner for envs of these spaces: a categorical policy for a Discrete action space, a Gaussian one for a
   * Box; its arrays belong to {@code manager}.
   *
   * @param numEnvs envs stepped side by side (for the reward scaling's returns)
   */
  public PpoLearner(PpoConfig config, Space<?> observationSpace, Space<?> actionSpace, int numEnvs,
      NDManager manager) {
    this.config = config;
    this.ppo = config.ppo();
    this.recurrent = config.recurrent();
    this.manager = manager;
    this.numEnvs = numEnvs;
    this.observationSize = ((Box) observationSpace).flatSize();
    ObservationNormalizer normalizer = ppo.normalizeObservations()
        ? ObservationNormalizer.running(observationSize, ppo.observationClip())
        : ObservationNormalizer.identity(observationSize);
    long policySeed = SplitMix64.hash(config.seed(), 1);
    PolicyKind kind = actionSpace instanceof Discrete ? PolicyKind.CATEGORICAL : PolicyKind.GAUSSIAN;
    int actions = actionSpace instanceof Discrete discrete ? discrete.n() : ((Box) actionSpace).flatSize();
    this.actionSize = kind == PolicyKind.CATEGORICAL ? 1 : actions;
    if (recurrent.enabled()) {
      this.policy = RecurrentPolicy.create(kind, observationSize, actions, recurrent.cell(), recurrent.embedding(),
          recurrent.hidden(), ppo.initialLogStd(), normalizer, manager, policySeed);
    } else if (kind == PolicyKind.CATEGORICAL) {
      this.policy = CategoricalPolicy.create(observationSize, actions, ppo.hidden(), ppo.activation(), normalizer,
          manager, policySeed);
    } else {
      this.policy = GaussianPolicy.create(observationSize, actions, ppo.hidden(), ppo.activation(),
          ppo.initialLogStd(), normalizer, manager, policySeed);
    }
    this.policyWithoutGradients = policy.detached();
    long valueSeed = SplitMix64.hash(config.seed(), 2);
    Shape input = new Shape(observationSize);
    this.value = recurrent.enabled() ? null
        : ValueFunction.spec(config).build(input, manager, DataType.FLOAT32, valueSeed);
    this.recurrentValue = recurrent.enabled()
        ? ValueFunction.spec(config).buildRecurrent(input, manager, DataType.FLOAT32, valueSeed) : null;
    valueParameters().forEach(p -> p.setRequiresGradient(true));
    this.policyOptimizer = new Adam(policy.parameters(), manager, ppo.policyLearningRate(), ppo.adamEps());
    this.valueOptimizer = new Adam(valueParameters(), manager, ppo.valueLearningRate(), ppo.adamEps());
    this.rewardScaler = ppo.scaleRewards() ? new RewardScaler(numEnvs, ppo.gamma(), ppo.rewardClip()) : null;
    boolean robust = config.robustEnabled();
    // A recurrent policy's bounds are built per minibatch over its sequences (RecurrentBallBounds).
    this.boundedPolicy = robust && config.robust().solver() == PpoConfig.Solver.CONVEX && !recurrent.enabled()
        ? new BoundedNetwork(policy.network()) : null;
    this.sgld = robust && config.robust().solver() == PpoConfig.Solver.SGLD
        ? new ProjectedGradient(config.robust().sgldSteps(), null, false, config.robust().sgldTemperature(),
            ProjectedGradient.Noise.DECAYING_LANGEVIN) : null;
    PpoConfig.Robust r = config.robust();
    this.saPpoRegularizer = new SaPpoRegularizer(r.halfKl(), r.detachStd(), r.cleanMeanGradient());
    this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
  }

  /** The policy being trained. */
  public Policy policy() {
    return policy;
  }

  /** A rollout buffer for one iteration of this learner. */
  public RolloutBuffer newBuffer() {
    return new RolloutBuffer(ppo.stepsPerIteration(), numEnvs, observationSize, actionSize);
  }

  private List<NDArray> valueParameters() {
    return value != null ? value.parameters() : recurrentValue.parameters();
  }

  /** Scales both learning rates by {@code factor} of their configured values (linear annealing). */
  public void setLearningRateFactor(double factor) {
    policyOptimizer.setLearningRate(factor * ppo.policyLearningRate());
    valueOptimizer.setLearningRate(factor * ppo.valueLearningRate());
  }

  /** The policy's learning rate now. */
  public double policyLearningRate() {
    return policyOptimizer.learningRate();
  }

  /** The value function's learning rate now. */
  public double valueLearningRate() {
    return valueOptimizer.learningRate();
  }

  /**
   * Runs the policy on {@code loop} until the buffer is full, storing what the agent saw (normalized, perturbed if
   * the loop has an adversary), its actions, their log-probabilities, values and scaled rewards; then the
   * advantages. The normaliser learns from the true observations.
   *
   * @return the episodes that ended
   */
  public List<Episode> collect(EpisodeLoop loop, RolloutBuffer buffer, NDManager manager) {
    List<Episode> episodes = new ArrayList<>();
    while (!buffer.isFull()) {
      policy.normalizer().update(loop.observations());
      try (NDManager scope = manager.newSubManager()) {
        Transition transition = loop.step(scope, policy, (view, state, starts) -> {
          if (recurrentValue != null) {
            restartValueState(starts, scope);
            if (buffer.isEmpty()) {
              buffer.startFrom(state.arrays(), valueState);
            }
          }
          return policy.act(view, state, starts, false, random);
        });
        NDArray actions = transition.acting().actions();
        float[] logProbs = transition.acting().distribution().logProbValues(actions);
        float[] values = stepValues(transition.view()).toFloatArray();
        float[] actionRows = actions.toType(DataType.FLOAT32, false).toFloatArray();
        StepResult step = transition.step();
        double[] rewards = rewardScaler == null ? step.rewards() : rewardScaler.scale(step.rewards(), step.done());
        if (ppo.bootstrapTruncated()) {
          bootstrapTruncated(step, rewards, scope);
        }
        buffer.add(transition.view().toFloatArray(), actionRows, logProbs, values, rewards, step.done());
        episodes.addAll(step.finished());
      }
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray next = policy.normalize(scope, loop.observations());
      float[] nextValue = (value != null ? value.forward(next)
          : recurrentValue.step(next, valueState).output()).toFloatArray();
      double[] nextValues = new double[nextValue.length];
      for (int i = 0; i < nextValue.length; i++) {
        nextValues[i] = nextValue[i];
      }
      buffer.computeAdvantages(nextValues, ppo.gamma(), ppo.gaeLambda());
    }
    return episodes;
  }

  /** Drops {@code loop}'s running episodes and starts new ones, with the reward scaling's returns from 0. */
  public void restartEpisodes(EpisodeLoop loop) {
    loop.restartEpisodes();
    if (rewardScaler != null) {
      rewardScaler.restart();
    }
  }

  /** V of what the agent saw; a recurrent value function reads it and advances its state. */
  private NDArray stepValues(NDArray view) {
    if (value != null) {
      return value.forward(view);
    }
    RecurrentNetwork.Output output = recurrentValue.step(view, valueState);
    keepValueState(output.state());
    return output.output();
  }

  /** The recurrent value function's state with the episodes that start now starting from zero. */
  private void restartValueState(boolean[] starts, NDManager scope) {
    PolicyState initial = new PolicyState(recurrentValue.initialState(scope, starts.length));
    keepValueState(valueState == null ? initial.arrays()
        : new PolicyState(valueState).restart(starts, initial).arrays());
  }

  /** Keeps a value state beyond the step's scope; the previous one's arrays are freed. */
  private void keepValueState(List<NDArray> state) {
    NDManager owner = manager.newSubManager();
    state.forEach(part -> part.attach(owner));
    if (valueStateArrays != null) {
      valueStateArrays.close();
    }
    valueStateArrays = owner;
    valueState = state;
  }

  /**
   * A time limit is not a terminal state: its reward gets {@code γ·V(last observation)} (for a recurrent value
   * function, read from the state after the episode's last step).
   */
  private void bootstrapTruncated(StepResult step, double[] rewards, NDManager scope) {
    for (int i = 0; i < rewards.length; i++) {
      if (step.truncated()[i] && !step.terminated()[i]) {
        NDArray last = policy.normalize(scope, new double[][] {step.finalObservations()[i]});
        NDArray v = value != null ? value.forward(last)
            : recurrentValue.step(last, row(valueState, i)).output();
        rewards[i] += ppo.gamma() * v.getFloat();
      }
    }
  }

  private static List<NDArray> row(List<NDArray> state, int i) {
    return state.stream().map(part -> part.get("{}:{}", i, i + 1)).toList();
  }

  /**
   * The PPO / SA-PPO update of one iteration (Algorithm 6.5, lines 5-13): {@code epochs} passes over the rollout in
   * shuffled minibatches (of samples, or of whole sequences for recurrent agents), each minimising
   * {@code L_clip − c_H·H + κ·R_PPO} for the policy and the value loss for the value function, with one Adam step each.
   */
  public Map<String, Double> update(RolloutBuffer buffer, int t, NDManager manager, Path lastCheckpoint) {
    boolean robust = config.robustEnabled();
    // What minibatches are made of: samples, or sequences (the rollout split at episode ends, §3.5).
    List<Sequence> sequences = recurrent.enabled() ? Sequence.split(buffer.episodeEnded, buffer.numEnvs) : null;
    int units = sequences == null ? buffer.size : sequences.size();
    int count = Math.min(units, buffer.size / ppo.minibatchSize());
    int[] order = new int[units];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double policyLossSum = 0;
    double valueLossSum = 0;
    double entropySum = 0;
    double approxKlSum = 0;
    double clipFractionSum = 0;
    double regularizerSum = 0;
    int minibatches = 0;
    int skippedSteps = 0;
    for (int epoch = 0; epoch < ppo.epochs(); epoch++) {
      RolloutBuffer.shuffle(order, random);
      for (int m = 0; m < count; m++) {
        // ε_t and β rise per minibatch through the iteration (the authors' scheduler), reaching their values of
        // iteration t with its last minibatch.
        double progress = t - 1 + (epoch * count + m + 1.0) / (ppo.epochs() * count);
        double eps = robust ? config.epsilon(progress) : 0;
        double crownIbpWeight = config.crownIbpWeight(progress);
        try (NDManager scope = manager.newSubManager()) {
          int from = m * units / count;
          int n = (m + 1) * units / count - from;
          Minibatch batch = sequences == null ? Minibatch.flat(buffer, order, from, n, scope)
              : Minibatch.sequences(buffer, sequences, order, from, n, scope);
          NDArray advantages = ppo.normalizeAdvantages() ? batch.normalizedAdvantages() : batch.advantages();

          // SA-PPO, lines 8-9: the clean distribution is the fixed reference (from detached parameters, so neither
          // SGLD nor the loss sends gradients through it), and SGLD's inner maximisation runs its own gradient passes
          // before the loss's collector opens (DJL allows one at a time). For sequences each step has its own ball
          // and the policy re-reads the perturbed sequences (§3.5).
          ActionDistribution clean = robust ? distribution(policyWithoutGradients, batch, batch.states()) : null;
          NDArray perturbedStates = null;
          if (robust && sgld != null) {
            ThreatModel ball = ThreatModel.unbounded(eps, observationSize);
            NDArray start = sgld.noiseSignStep(batch.states(), ball, random);
            perturbedStates = sgld.maximize(
                s -> batch.masked(clean.kl(distribution(policyWithoutGradients, batch, s))), batch.states(), start,
                ball, random);
          }

          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ActionDistribution distribution = distribution(policy, batch, batch.states());
            NDArray logRatio = distribution.logProb(batch.actions()).sub(batch.oldLogProbs());
            NDArray ratio = logRatio.exp();
            NDArray policyLoss = clippedSurrogateLoss(ratio, advantages, ppo.clip(), batch.mask());
            NDArray entropy = batch.mean(distribution.entropy());
            NDArray valueLoss = valueLoss(values(batch), batch.oldValues(), batch.returns(), ppo.clipValueLoss(),
                ppo.valueClip(), batch.mask());
            // Without an entropy bonus the loss leaves the entropy out (its term would add zeros to the gradient).
            NDArray loss = ppo.entropyCoefficient() == 0 ? policyLoss.add(valueLoss)
                : policyLoss.sub(Scalars.mul(entropy, ppo.entropyCoefficient())).add(valueLoss);

            // SA-PPO, lines 10 and 12: R_PPO at SGLD's ŝ (a lower bound of the max over the ball) or the convex
            // relaxation's upper bound over the whole ball (for sequences, over the balls of every step of the chunk
            // so far), averaged over the minibatch.
            NDArray saRegularizer = null;
            if (robust) {
              saRegularizer = batch.mean(perturbedStates != null
                  ? saPpoRegularizer.atPerturbation(clean, distribution(policy, batch, perturbedStates))
                  : batch.isSequences()
                      ? saPpoRegularizer.overSequenceBalls((RecurrentPolicy) policy, batch.states(),
                          batch.policyStart(), recurrent.historyLength(), clean, distribution, eps, crownIbpWeight)
                      : saPpoRegularizer.overBall(boundedPolicy, policy, batch.states(), clean, distribution, eps,
                          crownIbpWeight));
              loss = loss.add(Scalars.mul(saRegularizer, config.robust().kappa()));
            }

            // Schulman's k3 estimator of KL(old || new): mean((r − 1) − log r).
            NDArray ratioChange = ratio.sub(1);
            NDArray approxKl = batch.mean(ratioChange.sub(logRatio));
            NDArray clipFraction = batch.mean(ratioChange.abs().gt(ppo.clip()).toType(DataType.FLOAT32, false));
            // One read for all the minibatch's scalars.
            NDList scalars = new NDList(loss, policyLoss, valueLoss, entropy, approxKl, clipFraction);
            if (saRegularizer != null) {
              scalars.add(saRegularizer);
            }
            float[] read = NDArrays.stack(scalars).toFloatArray();
            if (!Float.isFinite(read[0])) {
              throw new TrainingDivergedException("the PPO loss", t, lastCheckpoint);
            }
            collector.backward(loss);

            policyLossSum += read[1];
            valueLossSum += read[2];
            entropySum += read[3];
            approxKlSum += read[4];
            clipFractionSum += read[5];
            regularizerSum += saRegularizer == null ? 0 : read[6];
          }
          minibatches++;
          try (Gradients policyGradients = Gradients.of(policy.parameters());
              Gradients valueGradients = Gradients.of(valueParameters())) {
            // A non-finite gradient with a finite loss (seen rarely from the convex bound's backward pass) would
            // poison the weights: drop that minibatch's step and count it instead.
            if (!policyGradients.areFinite() || !valueGradients.areFinite()) {
              policyGradients.clear();
              valueGradients.clear();
              skippedSteps++;
              continue;
            }
            if (ppo.maxGradNorm() > 0) {
              GradientClipping.clipNorm(policyGradients, policyGradients.norm(), ppo.maxGradNorm());
              GradientClipping.clipNorm(valueGradients, valueGradients.norm(), ppo.maxGradNorm());
            }
            policyOptimizer.step(policyGradients);
            valueOptimizer.step(valueGradients);
          }
        }
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("losses/policy_loss", policyLossSum / minibatches);
    metrics.put("losses/value_loss", valueLossSum / minibatches);
    metrics.put("losses/entropy", entropySum / minibatches);
    metrics.put("losses/approx_kl", approxKlSum / minibatches);
    metrics.put("losses/clip_fraction", clipFractionSum / minibatches);
    metrics.put("losses/skipped_steps", (double) skippedSteps);
    metrics.put("robust/eps", robust ? config.epsilon(t) : 0);
    metrics.put("robust/crown_ibp_weight", robust && sgld == null ? config.crownIbpWeight(t) : Double.NaN);
    metrics.put("robust/regularizer", robust ? regularizerSum / minibatches : Double.NaN);
    return metrics;
  }

  /** The policy's distributions at a minibatch's samples, or along its sequences (one row per step). */
  private ActionDistribution distribution(Policy acting, Minibatch batch, NDArray states) {
    return batch.isSequences()
        ? ((RecurrentPolicy) acting).sequenceDistribution(states, batch.policyStart(), recurrent.historyLength())
        : acting.distribution(states);
  }

  /** V at a minibatch's samples, or along its sequences, {@code [rows]}. */
  private NDArray values(Minibatch batch) {
    return (batch.isSequences()
        ? recurrentValue.sequence(batch.states(), batch.valueStart(), recurrent.historyLength()).output()
        : value.forward(batch.states())).reshape(-1);
  }

  /**
   * PPO's clipped surrogate as a loss to minimise (Algorithm 6.5, line 13):
   * {@code −mean(min(r·A, clip(r, 1 − ε, 1 + ε)·A))}.
   *
   * @param mask 1 on the rows to average, 0 on padding; null for all rows
   */
  public static NDArray clippedSurrogateLoss(NDArray ratio, NDArray advantages, double clip, NDArray mask) {
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(advantages);
    return mean(unclipped.minimum(clipped), mask).neg();
  }

  /**
   * The value loss {@code ½·mean((V − R)²)}; with clipping, {@code ½·mean(max((V − R)², (V_clip − R)²))} where
   * {@code V_clip = V_old + clip(V − V_old, ±range)} (Engstrom et al.'s value clipping).
   *
   * @param mask 1 on the rows to average, 0 on padding; null for all rows
   */
  public static NDArray valueLoss(NDArray values, NDArray oldValues, NDArray returns, boolean clipped, double range,
      NDArray mask) {
    NDArray unclipped = values.sub(returns).square();
    NDArray half = Scalars.constant(values, 0.5);
    if (!clipped) {
      return mean(unclipped, mask).mul(half);
    }
    NDArray clippedValues = oldValues.add(values.sub(oldValues).clip(-range, range));
    return mean(unclipped.maximum(clippedValues.sub(returns).square()), mask).mul(half);
  }

  /** The mean over the rows where {@code mask} is 1 (all rows when it is null). */
  static NDArray mean(NDArray values, NDArray mask) {
    return mask == null ? values.mean() : values.mul(mask).sum().div(mask.sum());
  }

  static double explainedVariance(double[] predicted, double[] targets) {
    double meanTarget = 0;
    double meanResidual = 0;
    for (int i = 0; i < targets.length; i++) {
      meanTarget += targets[i];
      meanResidual += targets[i] - predicted[i];
    }
    meanTarget /= targets.length;
    meanResidual /= targets.length;
    double varTarget = 0;
    double varResidual = 0;
    for (int i = 0; i < targets.length; i++) {
      varTarget += (targets[i] - meanTarget) * (targets[i] - meanTarget);
      double residual = targets[i] - predicted[i] - meanResidual;
      varResidual += residual * residual;
    }
    return varTarget == 0 ? Double.NaN : 1 - varResidual / varTarget;
  }

  /**
   * What the learner adds to a checkpoint besides its arrays.
   *
   * @param randomState its generator
   * @param observationStatistics the policy's normaliser, or null for none
   * @param rewardScaler the reward scaling, or null for none
   */
  public record State(long randomState, long policyAdamStep, double policyLearningRate, long valueAdamStep,
      double valueLearningRate, RunningMeanStd.State observationStatistics, RewardScaler.State rewardScaler) {}

  /** Everything besides the arrays that a checkpoint needs to continue this learner. */
  public State state() {
    AdamState policyAdam = policyOptimizer.state();
    AdamState valueAdam = valueOptimizer.state();
    return new State(random.state(), policyAdam.step(), policyAdam.learningRate(), valueAdam.step(),
        valueAdam.learningRate(), policy.normalizer().statistics(), rewardScaler == null ? null : rewardScaler.state());
  }

  /**
   * The value function and both optimisers' moments, keyed {@code value}, {@code policy_adam}, {@code value_adam};
   * for a recurrent agent also the value function's state for the running episodes, {@code value_state}.
   */
  public Map<String, TensorFile.Entry> tensors() {
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named("value", valueParameters()));
    tensors.putAll(policyOptimizer.state().entries("policy_adam", policy.parameters()));
    tensors.putAll(valueOptimizer.state().entries("value_adam", valueParameters()));
    if (valueState != null) {
      tensors.putAll(TensorFile.named("value_state", valueState));
    }
    return tensors;
  }

  /** Continues from a checkpoint's {@link #state()} and {@link #tensors()}; the policy's parameters come apart. */
  public void restore(State state, Map<String, TensorFile.Entry> tensors) {
    TensorFile.copyInto(tensors, "value", valueParameters());
    policyOptimizer.restore(AdamState.fromEntries(tensors, "policy_adam", policy.parameters().size(),
        state.policyAdamStep(), state.policyLearningRate()));
    valueOptimizer.restore(AdamState.fromEntries(tensors, "value_adam", valueParameters().size(),
        state.valueAdamStep(), state.valueLearningRate()));
    if (recurrentValue != null && tensors.containsKey("value_state/0")) {
      List<NDArray> saved = recurrentValue.initialState(manager, numEnvs);
      TensorFile.copyInto(tensors, "value_state", saved);
      keepValueState(saved);
    }
    if (state.observationStatistics() != null) {
      policy.normalizer().restore(state.observationStatistics());
    }
    if (rewardScaler != null) {
      rewardScaler.restore(state.rewardScaler());
    }
    random.restore(state.randomState());
  }
}
