package org.samdp.agents.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import org.samdp.agents.optim.Adam;
import org.samdp.agents.optim.AdamState;
import org.samdp.agents.optim.GradientClipping;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.robust.PolicyKlBound;
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
 * <p>All randomness (sampling, minibatch order, SGLD noise) comes from the learner's own generator, seeded, so a
 * checkpoint of {@link #state()} and {@link #tensors} continues it bit for bit.
 */
public final class PpoLearner {
  private final PpoConfig config;
  private final PpoConfig.Ppo ppo;
  private final Policy policy;
  private final Policy policyWithoutGradients;
  private final Network value;
  private final Adam policyOptimizer;
  private final Adam valueOptimizer;
  private final RewardScaler rewardScaler;
  private final BoundedNetwork boundedPolicy;
  private final ProjectedGradient sgld;
  private final SplitMix64 random;
  private final int observationSize;
  private final int actionSize;

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
    this.observationSize = ((Box) observationSpace).flatSize();
    ObservationNormalizer normalizer = ppo.normalizeObservations()
        ? ObservationNormalizer.running(observationSize, ppo.observationClip())
        : ObservationNormalizer.identity(observationSize);
    long policySeed = SplitMix64.hash(config.seed(), 1);
    if (actionSpace instanceof Discrete discrete) {
      this.actionSize = 1;
      this.policy = CategoricalPolicy.create(observationSize, discrete.n(), ppo.hidden(), ppo.activation(),
          normalizer, manager, policySeed);
    } else {
      this.actionSize = ((Box) actionSpace).flatSize();
      this.policy = GaussianPolicy.create(observationSize, actionSize, ppo.hidden(), ppo.activation(),
          ppo.initialLogStd(), normalizer, manager, policySeed);
    }
    this.policyWithoutGradients = policy.detached();
    this.value = ValueFunction.spec(ppo)
        .build(new Shape(observationSize), manager, DataType.FLOAT32, SplitMix64.hash(config.seed(), 2));
    value.parameters().forEach(p -> p.setRequiresGradient(true));
    this.policyOptimizer = new Adam(policy.parameters(), manager, ppo.policyLearningRate(), ppo.adamEps());
    this.valueOptimizer = new Adam(value.parameters(), manager, ppo.valueLearningRate(), ppo.adamEps());
    this.rewardScaler = ppo.scaleRewards() ? new RewardScaler(numEnvs, ppo.gamma(), ppo.rewardClip()) : null;
    boolean robust = config.robustEnabled();
    this.boundedPolicy = robust && config.robust().solver() == PpoConfig.Solver.CONVEX
        ? new BoundedNetwork(policy.network()) : null;
    this.sgld = robust && config.robust().solver() == PpoConfig.Solver.SGLD
        ? new ProjectedGradient(config.robust().sgldSteps(), null, false, config.robust().sgldTemperature()) : null;
    this.random = new SplitMix64(SplitMix64.hash(config.seed(), 3));
  }

  /** The policy being trained. */
  public Policy policy() {
    return policy;
  }

  /** A rollout buffer for one iteration of this learner. */
  public RolloutBuffer newBuffer() {
    return new RolloutBuffer(ppo.stepsPerIteration(), observationSize, actionSize);
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
        Transition transition = loop.step(scope, policy,
            (view, state, starts) -> policy.act(view, state, starts, false, random));
        NDArray actions = transition.acting().actions();
        float[] logProbs = transition.acting().distribution().logProb(actions).toFloatArray();
        float[] values = value.forward(transition.view()).toFloatArray();
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
      float[] next = value.forward(policy.normalize(scope, loop.observations())).toFloatArray();
      double[] nextValues = new double[next.length];
      for (int i = 0; i < next.length; i++) {
        nextValues[i] = next[i];
      }
      buffer.computeAdvantages(nextValues, ppo.gamma(), ppo.gaeLambda());
    }
    return episodes;
  }

  /** A time limit is not a terminal state: its reward gets {@code γ·V(last observation)}. */
  private void bootstrapTruncated(StepResult step, double[] rewards, NDManager scope) {
    for (int i = 0; i < rewards.length; i++) {
      if (step.truncated()[i] && !step.terminated()[i]) {
        NDArray last = policy.normalize(scope, new double[][] {step.finalObservations()[i]});
        rewards[i] += ppo.gamma() * value.forward(last).getFloat();
      }
    }
  }


  /**
   * The PPO / SA-PPO update of one iteration (Algorithm 6.5, lines 5-13): {@code epochs} passes over the rollout in
   * shuffled minibatches, each minimising {@code L_clip − c_H·H + κ·R_PPO} for the policy and the value loss for the
   * value function, with one Adam step each.
   */
  public Map<String, Double> update(RolloutBuffer buffer, int t, NDManager manager, Path lastCheckpoint) {
    boolean robust = config.robustEnabled();
    double eps = robust ? config.epsilon(t) : 0;
    double crownIbpWeight = config.crownIbpWeight(t);
    int[] order = new int[buffer.size];
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
      for (int from = 0; from < buffer.size; from += ppo.minibatchSize()) {
        try (NDManager scope = manager.newSubManager()) {
          int n = ppo.minibatchSize();
          NDArray states = RolloutBuffer.matrix(scope, buffer.observations, buffer.observationSize, order, from, n);
          NDArray actions = RolloutBuffer.matrix(scope, buffer.actions, actionSize, order, from, n);
          NDArray oldLogProbs = RolloutBuffer.vector(scope, buffer.logProbs, order, from, n);
          NDArray oldValues = RolloutBuffer.vector(scope, buffer.values, order, from, n);
          NDArray returns = RolloutBuffer.vector(scope, buffer.returns, order, from, n);
          NDArray advantages = RolloutBuffer.vector(scope, buffer.advantages, order, from, n);
          if (ppo.normalizeAdvantages()) {
            advantages = advantages.sub(advantages.mean()).div(std(advantages).add(1e-8f));
          }

          // SA-PPO, lines 8-9: the clean distribution is the fixed reference (from detached parameters, so neither
          // SGLD nor the loss sends gradients through it), and SGLD's inner maximisation runs its own gradient passes
          // before the loss's collector opens (DJL allows one at a time).
          ActionDistribution clean = robust ? policyWithoutGradients.distribution(states) : null;
          NDArray perturbedStates = robust && sgld != null
              ? sgld.maximize(s -> clean.kl(policyWithoutGradients.distribution(s)), states,
                  ThreatModel.unbounded(eps, observationSize), random)
              : null;

          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ActionDistribution distribution = policy.distribution(states);
            NDArray logRatio = distribution.logProb(actions).sub(oldLogProbs);
            NDArray ratio = logRatio.exp();
            NDArray policyLoss = clippedSurrogateLoss(ratio, advantages, ppo.clip());
            NDArray entropy = distribution.entropy().mean();
            NDArray valueLoss = valueLoss(value.forward(states).reshape(-1), oldValues, returns,
                ppo.clipValueLoss(), ppo.valueClip());
            NDArray loss = policyLoss.sub(Scalars.mul(entropy, ppo.entropyCoefficient())).add(valueLoss);

            // SA-PPO, lines 10 and 12: R_PPO, the KL at SGLD's ŝ (a lower bound of the max over the ball) or the
            // convex relaxation's upper bound over the whole ball, averaged over the minibatch.
            NDArray saRegularizer = null;
            if (robust) {
              saRegularizer = (perturbedStates != null
                  ? clean.kl(policy.distribution(perturbedStates))
                  : PolicyKlBound.upperBound(boundedPolicy, policy, states, clean, eps, crownIbpWeight)).mean();
              loss = loss.add(Scalars.mul(saRegularizer, config.robust().kappa()));
            }

            float lossValue = loss.getFloat();
            if (!Float.isFinite(lossValue)) {
              throw new TrainingDivergedException("the PPO loss", t, lastCheckpoint);
            }
            collector.backward(loss);

            policyLossSum += policyLoss.getFloat();
            valueLossSum += valueLoss.getFloat();
            entropySum += entropy.getFloat();
            // Schulman's k3 estimator of KL(old || new): mean((r − 1) − log r).
            NDArray approxKl = ratio.sub(1).sub(logRatio).mean();
            approxKlSum += approxKl.getFloat();
            NDArray clipFraction = ratio.sub(1).abs().gt(ppo.clip()).toType(DataType.FLOAT32, false).mean();
            clipFractionSum += clipFraction.getFloat();
            regularizerSum += saRegularizer == null ? 0 : saRegularizer.getFloat();
          }
          minibatches++;
          // A non-finite gradient with a finite loss (seen rarely from the convex bound's backward pass) would
          // poison the weights: drop that minibatch's step and count it instead.
          double policyGradientNorm = GradientClipping.norm(policy.parameters());
          double valueGradientNorm = GradientClipping.norm(value.parameters());
          if (!Double.isFinite(policyGradientNorm) || !Double.isFinite(valueGradientNorm)) {
            policyOptimizer.zeroGradients();
            valueOptimizer.zeroGradients();
            skippedSteps++;
            continue;
          }
          if (ppo.maxGradNorm() > 0) {
            GradientClipping.clipNorm(policy.parameters(), ppo.maxGradNorm());
            GradientClipping.clipNorm(value.parameters(), ppo.maxGradNorm());
          }
          policyOptimizer.step();
          valueOptimizer.step();
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
    metrics.put("robust/eps", eps);
    metrics.put("robust/crown_ibp_weight", robust && boundedPolicy != null ? crownIbpWeight : Double.NaN);
    metrics.put("robust/regularizer", robust ? regularizerSum / minibatches : Double.NaN);
    return metrics;
  }

  /**
   * PPO's clipped surrogate as a loss to minimise (Algorithm 6.5, line 13):
   * {@code −mean(min(r·A, clip(r, 1 − ε, 1 + ε)·A))}.
   */
  public static NDArray clippedSurrogateLoss(NDArray ratio, NDArray advantages, double clip) {
    NDArray unclipped = ratio.mul(advantages);
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(advantages);
    return unclipped.minimum(clipped).mean().neg();
  }

  /**
   * The value loss {@code ½·mean((V − R)²)}; with clipping, {@code ½·mean(max((V − R)², (V_clip − R)²))} where
   * {@code V_clip = V_old + clip(V − V_old, ±range)} (Engstrom et al.'s value clipping).
   */
  public static NDArray valueLoss(NDArray values, NDArray oldValues, NDArray returns, boolean clipped, double range) {
    NDArray unclipped = values.sub(returns).square();
    if (!clipped) {
      return Scalars.mul(unclipped.mean(), 0.5);
    }
    NDArray clippedValues = oldValues.add(values.sub(oldValues).clip(-range, range));
    return Scalars.mul(unclipped.maximum(clippedValues.sub(returns).square()).mean(), 0.5);
  }

  private static NDArray std(NDArray x) {
    // Unbiased, like torch.std. Scalars are float: a 0-d array times a double would turn float64.
    float n = x.size();
    return x.sub(x.mean()).square().sum().div(n - 1).sqrt();
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

  /** The value function and both optimisers' moments, keyed {@code value}, {@code policy_adam}, {@code value_adam}. */
  public Map<String, TensorFile.Entry> tensors() {
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(TensorFile.named("value", value.parameters()));
    tensors.putAll(policyOptimizer.state().entries("policy_adam", policy.parameters()));
    tensors.putAll(valueOptimizer.state().entries("value_adam", value.parameters()));
    return tensors;
  }

  /** Continues from a checkpoint's {@link #state()} and {@link #tensors()}; the policy's parameters come apart. */
  public void restore(State state, Map<String, TensorFile.Entry> tensors) {
    TensorFile.copyInto(tensors, "value", value.parameters());
    policyOptimizer.restore(AdamState.fromEntries(tensors, "policy_adam", policy.parameters().size(),
        state.policyAdamStep(), state.policyLearningRate()));
    valueOptimizer.restore(AdamState.fromEntries(tensors, "value_adam", value.parameters().size(),
        state.valueAdamStep(), state.valueLearningRate()));
    if (state.observationStatistics() != null) {
      policy.normalizer().restore(state.observationStatistics());
    }
    if (rewardScaler != null) {
      rewardScaler.restore(state.rewardScaler());
    }
    random.restore(state.randomState());
  }
}
