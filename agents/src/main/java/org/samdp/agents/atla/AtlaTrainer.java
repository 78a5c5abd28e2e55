package org.samdp.agents.atla;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.adversary.AdversaryEnv;
import org.samdp.agents.adversary.LearnedAdversary;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoLearner;
import org.samdp.agents.ppo.RolloutBuffer;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.RunnerState;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * ATLA (Algorithm 6.8): each iteration is one PPO iteration of the agent, then one of its adversary, each with its own
 * optimisers and learning-rate annealer. The agent collects on the run's episode loop with the adversary sampling a
 * perturbation at every step, and trains on the perturbed observations it acted on. The adversary then collects on
 * fresh episodes of its MDP against the agent as it is now ({@link AdversaryEnv}: it observes the true state, the
 * agent samples its actions from what it sees, the adversary earns minus the agent's reward) and trains on those; its
 * unfinished episodes end with its iteration, as the authors' rollouts do.
 *
 * <p>A checkpoint holds both policies (the agent as {@value Policies#AGENT}, the adversary as {@value #ADVERSARY}),
 * both learners' value functions, optimisers, annealers and generators, the generator of the adversary's sampling and
 * the agent's running episodes, so a resumed run continues bit for bit.
 */
public final class AtlaTrainer extends TrainerBase<AtlaConfig, AtlaTrainer.TrainerState> {
  /** The adversary's policy in a checkpoint. */
  public static final String ADVERSARY = "adversary";

  /** The metric columns, in order: the agent's as PPO writes them, then the adversary's. */
  public static final List<String> METRICS = List.of("iteration", "global_step", "charts/episodic_return",
      "charts/episodic_length", "charts/episodes", "charts/policy_learning_rate", "charts/value_learning_rate",
      "losses/policy_loss", "losses/value_loss", "losses/entropy", "losses/approx_kl", "losses/clip_fraction",
      "losses/skipped_steps", "policy/log_std", "robust/eps", "robust/crown_ibp_weight", "robust/regularizer",
      "adversary/episodic_return", "adversary/episodes", "adversary/policy_learning_rate",
      "adversary/value_learning_rate", "adversary/policy_loss", "adversary/value_loss", "adversary/entropy",
      "adversary/approx_kl", "adversary/log_std", "charts/sps");

  private static final String POLICY_STATE = "policy_state";
  private static final String ADVERSARY_TENSORS = ADVERSARY + "/";

  /** The two learners' turns, as a {@link Probe} sees them. */
  enum Turn { AGENT, ADVERSARY }

  /** What tests watch of the alternation: the adversary the agent's rollouts run with, and each collected rollout. */
  interface Probe {
    /** No watching. */
    Probe NONE = new Probe() {};

    /** The adversary between the agent and its observations (wrapped to spy on it). */
    default ObservationAdversary around(ObservationAdversary adversary) {
      return adversary;
    }

    /** A learner's rollout, collected and about to be trained on. */
    default void collected(Turn turn, RolloutBuffer buffer) {}
  }

  private final EnvSource envs;
  private final PpoConfig agentConfig;
  private final PpoConfig adversaryConfig;
  private final PpoLearner agent;
  private final PpoLearner adversary;
  private final ThreatModel threat;
  /** Samples the adversary's Δ during the agent's rollouts. */
  private final SplitMix64 adversaryRandom;
  private final Probe probe;

  /**
   * A fresh ATLA trainer on {@code config.numEnvs()} envs from {@code envs} for each learner.
   *
   * @param run where checkpoints go, or null for none
   * @throws IllegalArgumentException for an unknown env or one without continuous (Box) actions
   */
  public AtlaTrainer(AtlaConfig config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks) {
    this(config, envs, run, callbacks, Probe.NONE);
  }

  AtlaTrainer(AtlaConfig config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks, Probe probe) {
    super(config, TrainerState.class, METRICS, EpisodeLoop.continuing(envs, config.numEnvs(), config.seed()), run,
        callbacks);
    try {
      if (!(loop.actionSpace() instanceof Box)) {
        throw new IllegalArgumentException(AtlaConfig.NAME + " is not supported yet for discrete actions (" + config.env()
            + " has " + loop.actionSpace() + "); train it with --algo ppo or sa-ppo, or pick a continuous-action env");
      }
      this.envs = envs;
      this.probe = probe;
      this.agentConfig = config.agent();
      this.adversaryConfig = config.adversaryLearner();
      this.agent = new PpoLearner(agentConfig, loop.observationSpace(), loop.actionSpace(), config.numEnvs(), manager);
      int size = ((Box) loop.observationSpace()).flatSize();
      // The adversary's MDP: the agent's normalized state in, one Δ per state value out (AdversaryEnv's spaces).
      this.adversary = new PpoLearner(adversaryConfig,
          Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new int[] {size}, DType.FLOAT32),
          Box.uniform(-1, 1, new int[] {size}, DType.FLOAT32), config.numEnvs(), manager);
      this.threat = ThreatModel.unbounded(config.adversary().eps(), size);
      this.adversaryRandom = new SplitMix64(SplitMix64.hash(config.seed(), 0xad5e, 1));
      loop.withAdversary(probe.around(new LearnedAdversary(adversary.policy(), false, adversaryRandom)), threat);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  protected IterationReport iterate(int t) {
    long start = System.nanoTime();
    int steps = config.stepsPerIteration();

    // The agent's turn: it acts on, and learns from, what the sampling adversary lets it see.
    agent.setLearningRateFactor(agentConfig.learningRateFactor(t));
    if (agentConfig.ppo().resetEachIteration() && t > 1) {
      agent.restartEpisodes(loop);
    }
    RolloutBuffer agentBuffer = agent.newBuffer();
    List<Episode> episodes = agent.collect(loop, agentBuffer, manager);
    probe.collected(Turn.AGENT, agentBuffer);
    rolloutEnded();
    Map<String, Double> agentMetrics = agent.update(agentBuffer, t, manager, lastCheckpoint());

    // The adversary's turn: fresh episodes of its MDP against the agent as it is now (its normaliser unchanged).
    adversary.setLearningRateFactor(adversaryConfig.learningRateFactor(t));
    RolloutBuffer adversaryBuffer = adversary.newBuffer();
    List<Episode> adversaryEpisodes;
    try (EpisodeLoop adversaryLoop = EpisodeLoop.continuing(AdversaryEnv.source(envs, agent.policy(), threat, true),
        config.numEnvs(), SplitMix64.hash(config.seed(), 0xad5e, 2, t))) {
      adversaryEpisodes = adversary.collect(adversaryLoop, adversaryBuffer, manager);
    }
    probe.collected(Turn.ADVERSARY, adversaryBuffer);
    Map<String, Double> adversaryMetrics = adversary.update(adversaryBuffer, t, manager, lastCheckpoint());

    globalStep += steps;
    Map<String, Double> row = metricsRow(t, episodes);
    row.put("charts/policy_learning_rate", agent.policyLearningRate());
    row.put("charts/value_learning_rate", agent.valueLearningRate());
    row.putAll(agentMetrics);
    row.put("policy/log_std", meanLogStd(agent.policy()));
    row.put("adversary/episodic_return", adversaryEpisodes.stream().mapToDouble(Episode::episodicReturn).average()
        .orElse(Double.NaN));
    row.put("adversary/episodes", (double) adversaryEpisodes.size());
    row.put("adversary/policy_learning_rate", adversary.policyLearningRate());
    row.put("adversary/value_learning_rate", adversary.valueLearningRate());
    for (String loss : List.of("policy_loss", "value_loss", "entropy", "approx_kl")) {
      row.put("adversary/" + loss, adversaryMetrics.get("losses/" + loss));
    }
    row.put("adversary/log_std", meanLogStd(adversary.policy()));
    // Env steps of both turns.
    row.put("charts/sps", 2.0 * steps / ((System.nanoTime() - start) / 1e9));
    return new IterationReport(t, globalStep, row);
  }

  private static double meanLogStd(Policy policy) {
    if (policy instanceof GaussianPolicy gaussian) {
      return gaussian.logStd().mean().getFloat();
    }
    return policy instanceof RecurrentPolicy recurrent && recurrent.logStd() != null
        ? recurrent.logStd().mean().getFloat() : Double.NaN;
  }

  @Override
  public Policy policy() {
    return agent.policy();
  }

  /** The agent, then its adversary. */
  @Override
  public Map<String, Policy> policies() {
    Map<String, Policy> policies = new LinkedHashMap<>();
    policies.put(Policies.AGENT, agent.policy());
    policies.put(ADVERSARY, adversary.policy());
    return policies;
  }

  // Checkpoints.

  /** Everything besides the arrays that a checkpoint holds. */
  record TrainerState(String algorithm, int iteration, long globalStep, PpoLearner.State agent,
      PpoLearner.State adversary, long adversaryRandomState, RunnerState runner) implements TrainerBase.State {}

  /**
   * The agent learner's arrays as PPO's checkpoints name them (so its value function loads as PPO's), the recurrent
   * agent's state for the running episodes ({@code policy_state}), and the adversary learner's arrays under
   * {@code adversary/}.
   */
  @Override
  protected TrainerCheckpoint<TrainerState> checkpoint() {
    TrainerState state = new TrainerState(config.algorithm(), iteration(), globalStep, agent.state(),
        adversary.state(), adversaryRandom.state(), loop.state());
    Map<String, TensorFile.Entry> tensors = new LinkedHashMap<>(agent.tensors());
    tensors.putAll(TensorFile.named(POLICY_STATE, loop.policyState().arrays()));
    adversary.tensors().forEach((name, entry) -> tensors.put(ADVERSARY_TENSORS + name, entry));
    return new TrainerCheckpoint<>(state, tensors);
  }

  @Override
  protected void restore(TrainerState state, Map<String, TensorFile.Entry> tensors) {
    Map<String, TensorFile.Entry> own = new LinkedHashMap<>();
    Map<String, TensorFile.Entry> adversaryOwn = new LinkedHashMap<>();
    tensors.forEach((name, entry) -> {
      if (name.startsWith(ADVERSARY_TENSORS)) {
        adversaryOwn.put(name.substring(ADVERSARY_TENSORS.length()), entry);
      } else {
        own.put(name, entry);
      }
    });
    if (state.adversary() == null || adversaryOwn.isEmpty()) {
      throw new IllegalArgumentException("the checkpoint holds no state of the ATLA adversary's learner; it is"
          + " incomplete: delete it to resume from the one before it, or start the run again");
    }
    agent.restore(state.agent(), own);
    adversary.restore(state.adversary(), adversaryOwn);
    adversaryRandom.restore(state.adversaryRandomState());
    loop.restore(state.runner());
    if (own.containsKey(POLICY_STATE + "/0")) {
      PolicyState saved = agent.policy().initialState(manager, config.numEnvs());
      TensorFile.copyInto(own, POLICY_STATE, saved.arrays());
      loop.restorePolicyState(saved);
    }
  }
}
