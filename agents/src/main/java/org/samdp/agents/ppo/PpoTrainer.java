package org.samdp.agents.ppo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.RewardScaler;
import org.samdp.agents.rollout.RunnerState;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * PPO and SA-PPO (Algorithm 6.5): each iteration its {@link PpoLearner} collects {@code stepsPerIteration} steps
 * with the current policy on the run's episode loop, then updates the policy and the value function.
 *
 * <p>Continuous (Gaussian policy) and discrete (categorical policy) action spaces are supported. Runs are
 * reproducible: all randomness comes from the seed, and a checkpoint holds everything needed to continue the same
 * learning curve bit for bit.
 */
public final class PpoTrainer extends TrainerBase<PpoConfig, PpoTrainer.TrainerState> {
  /** The metric columns, in order. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/policy_learning_rate", "charts/value_learning_rate",
      "losses/policy_loss", "losses/value_loss", "losses/entropy", "losses/approx_kl", "losses/clip_fraction",
      "losses/explained_variance", "losses/skipped_steps", "policy/log_std", "robust/eps", "robust/crown_ibp_weight",
      "robust/regularizer", "charts/sps");

  private static final String POLICY_STATE = "policy_state";

  private final PpoLearner learner;

  /**
   * A fresh trainer on {@code config.numEnvs()} envs from {@code envs}.
   *
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for an unknown env or spaces PPO cannot handle
   */
  public PpoTrainer(PpoConfig config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, config.numEnvs(), config.seed()), run,
        callbacks);
    try {
      this.learner = new PpoLearner(config, loop.observationSpace(), loop.actionSpace(), config.numEnvs(), manager);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    learner.setLearningRateFactor(config.learningRateFactor(t));
    if (config.ppo().resetEachIteration() && t > 1) {
      learner.restartEpisodes(loop);
    }
    RolloutBuffer buffer = learner.newBuffer();
    List<Episode> episodes = learner.collect(loop, buffer, manager);
    rolloutEnded();
    Map<String, Double> metrics = learner.update(buffer, t, manager, lastCheckpoint());

    globalStep += config.ppo().stepsPerIteration();
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/policy_learning_rate", learner.policyLearningRate());
    row.put("charts/value_learning_rate", learner.valueLearningRate());
    row.putAll(metrics);
    row.put("losses/explained_variance", PpoLearner.explainedVariance(buffer.values, buffer.returns));
    if (learner.policy() instanceof GaussianPolicy gaussian) {
      row.put("policy/log_std", (double) gaussian.logStd().mean().getFloat());
    } else if (learner.policy() instanceof RecurrentPolicy recurrent && recurrent.logStd() != null) {
      row.put("policy/log_std", (double) recurrent.logStd().mean().getFloat());
    }
    row.put("charts/sps", config.ppo().stepsPerIteration() / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  // Checkpoints.

  /** Everything besides the arrays that a checkpoint holds (the learner's state, flat, and the loop's episodes). */
  record TrainerState(String algorithm, int iteration, long globalStep, long randomState, long policyAdamStep,
      double policyLearningRate, long valueAdamStep, double valueLearningRate,
      RunningMeanStd.State observationStatistics, RewardScaler.State rewardScaler,
      RunnerState runner) implements TrainerBase.State {}

  /**
   * The value function and both optimisers' moments as arrays (and a recurrent policy's state for the running
   * episodes, {@code policy_state}); the rest as {@link TrainerState}.
   */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    PpoLearner.State s = learner.state();
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, s.randomState(),
        s.policyAdamStep(), s.policyLearningRate(), s.valueAdamStep(), s.valueLearningRate(),
        s.observationStatistics(), s.rewardScaler(), loop.state());
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(learner.tensors());
    tensors.putAll(TensorFile.named(POLICY_STATE, loop.policyState().arrays()));
    return new TrainerCheckpoint<>(state, tensors);
  }

  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    learner.restore(new PpoLearner.State(state.randomState(), state.policyAdamStep(), state.policyLearningRate(),
        state.valueAdamStep(), state.valueLearningRate(), state.observationStatistics(), state.rewardScaler()),
        tensors);
    loop.restore(state.runner());
    if (tensors.containsKey(POLICY_STATE + "/0")) {
      PolicyState saved = learner.policy().initialState(manager, config.numEnvs());
      TensorFile.copyInto(tensors, POLICY_STATE, saved.arrays());
      loop.restorePolicyState(saved);
    }
  }

  /** An SA-PPO run keeps a best checkpoint only once ε_t is final. */
  @Override
  protected boolean mayKeepBest() {
    return !config.robustEnabled() || iteration() >= config.rampIterations();
  }

  @Override
  public Policy policy() {
    return learner.policy();
  }
}
