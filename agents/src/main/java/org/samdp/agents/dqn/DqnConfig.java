package org.samdp.agents.dqn;

import static org.samdp.agents.config.Checks.nonNegative;
import static org.samdp.agents.config.Checks.positive;
import static org.samdp.agents.config.Checks.unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.run.TrainerBase;

/**
 * A DQN or SA-DQN run. Defaults are the papers' Atari setup (§6.7.3): Double DQN with a dueling head, prioritized
 * replay, Huber TD loss, the target network copied every 2,000 steps. SA-DQN is DQN with {@code robust.kappa > 0}.
 *
 * @param env environment id, discrete actions, e.g. {@code MinAtar/Breakout-v1} or {@code CartPole-v1}
 * @param seed seed of the network, the environment, exploration and replay sampling (1)
 * @param totalSteps environment steps in all, rounded up to whole iterations (6M, the dissertation's Atari budget,
 *     §6.7.3)
 * @param dqn the DQN hyper-parameters
 * @param network the Q network
 * @param replay the replay buffer
 * @param robust the state-adversarial regulariser of SA-DQN
 * @param run logging and checkpointing
 */
public record DqnConfig(String env, long seed, long totalSteps, Dqn dqn, QNetwork network, Replay replay,
    Robust robust, Run run) implements TrainerBase.Config {

  /** Checks what depends on several keys. */
  public DqnConfig {
    TrainerBase.Config.check(env, seed, totalSteps, "MinAtar/Breakout-v1");
    if (replay.capacity() < dqn.batchSize()) {
      throw new IllegalArgumentException("replay.capacity (" + replay.capacity() + ") must be at least dqn.batchSize ("
          + dqn.batchSize() + "): a minibatch is drawn from the buffer");
    }
  }

  /** The paper's DQN on {@code env} (Atari values): 6M steps, regulariser off. */
  public static DqnConfig dqn(String env) {
    return new DqnConfig(env, 1, 6_000_000, Dqn.DEFAULTS, QNetwork.ATARI, Replay.DEFAULTS, Robust.OFF, Run.DEFAULTS);
  }

  /** The paper's SA-DQN (convex) on {@code env}: DQN plus κ = 0.005, ε = 1/255. */
  public static DqnConfig saDqn(String env) {
    return new DqnConfig(env, 1, 6_000_000, Dqn.DEFAULTS, QNetwork.ATARI, Replay.DEFAULTS, Robust.DEFAULTS,
        Run.DEFAULTS);
  }

  // Derived values, all here.

  /** The algorithm's name for run directories and logs. */
  @Override
  public String algorithm() {
    return robustEnabled() ? "sa-dqn" : "dqn";
  }

  @Override
  public int stepsPerIteration() {
    return run.stepsPerIteration();
  }

  /** The regulariser's keys without κ, the other solver's, an MLP's convolutions, a plain head's dueling width. */
  @Override
  public Map<String, String> unusedKeys() {
    Map<String, String> unused = new LinkedHashMap<>();
    if (network.kind() == NetworkKind.MLP) {
      unused.put("network.convs", "a CNN's: network.kind=CNN");
    }
    if (!network.dueling()) {
      unused.put("network.duelingHidden", "the dueling head's: network.dueling=true");
    }
    if (robust.kappa() == 0) {
      unused.put("robust", "only SA-DQN trains with the regulariser: --algo sa-dqn");
    } else if (robust.solver() == Solver.PGD) {
      unused.put("robust.crownIbpWeightStart", "the convex solver's: robust.solver=CONVEX");
      unused.put("robust.crownIbpWeightEnd", "the convex solver's: robust.solver=CONVEX");
    } else {
      unused.put("robust.pgdSteps", "PGD's: robust.solver=PGD");
    }
    return unused;
  }

  /**
   * The ε-greedy exploration rate of environment step {@code step} (from 0): the start rate while the buffer fills
   * ({@code learningStarts}), then linear from start to end over {@code explorationSteps}, then the end rate.
   */
  public double explorationRate(long step) {
    if (step < dqn.learningStarts()) {
      return dqn.explorationStart();
    }
    double progress = Math.min(1.0, (double) (step - dqn.learningStarts()) / Math.max(1, dqn.explorationSteps()));
    return dqn.explorationStart() + progress * (dqn.explorationEnd() - dqn.explorationStart());
  }

  /** Learning-rate factor of iteration {@code t} (from 1): linear from 1 down to 1/T, or 1 without annealing. */
  public double learningRateFactor(int t) {
    return dqn.annealLearningRate() ? 1.0 - (t - 1.0) / iterations() : 1.0;
  }

  /** Prioritized replay's β at {@code step}: linear from its start value after learning starts to 1 at the end. */
  public double replayBeta(long step) {
    long span = Math.max(1, roundedSteps() - dqn.learningStarts());
    double progress = Math.min(1.0, Math.max(0.0, (double) (step - dqn.learningStarts()) / span));
    return replay.betaStart() + progress * (1.0 - replay.betaStart());
  }

  /** How far the ε ramp of SA-DQN is at {@code step}: 0 through the warm-up, rising linearly to 1 over the ramp. */
  public double rampProgress(long step) {
    if (step < robust.warmupSteps()) {
      return 0;
    }
    return Math.min(1.0, (double) (step - robust.warmupSteps()) / Math.max(1, robust.rampSteps()));
  }

  /** ε_t at {@code step}: 0 through the warm-up, then rising linearly to ε over the ramp (§6.7.3). */
  public double epsilon(long step) {
    return robust.eps() * rampProgress(step);
  }

  /** The CROWN-IBP weight β at {@code step}: from its start to its end value as ε ramps up. */
  public double crownIbpWeight(long step) {
    double progress = rampProgress(step);
    return robust.crownIbpWeightStart() + progress * (robust.crownIbpWeightEnd() - robust.crownIbpWeightStart());
  }

  /**
   * DQN hyper-parameters.
   *
   * @param gamma discount γ (0.99, dissertation §6.7.3)
   * @param learningRate Adam learning rate (6.25e-5, after Hessel et al. 2017)
   * @param annealLearningRate decay the learning rate linearly to 0 over the run (off in the paper)
   * @param adamEps Adam's ε (1.5e-4, Hessel et al. 2017's Rainbow value)
   * @param batchSize transitions per update (32, dissertation §6.7.3)
   * @param learningStarts steps of uniformly random actions that fill the buffer before updates start (80,000)
   * @param trainFrequency one update every this many environment steps (1)
   * @param targetUpdateInterval copy the Q network into the target network every this many steps (2,000,
   *     dissertation §6.7.3)
   * @param doubleQ Double DQN targets (van Hasselt et al. 2016): the online network picks the next action, the
   *     target network values it (true, the papers' setup)
   * @param maxGradNorm clip the global gradient norm to this; 0 turns clipping off (0)
   * @param explorationStart the ε-greedy rate while the buffer fills and at the start of the decay (1)
   * @param explorationEnd the ε-greedy rate after the decay (0.05)
   * @param explorationSteps steps over which the rate decays linearly after learning starts (1.5M)
   * @param clipRewards clip rewards to [−1, 1] for learning (Mnih et al. 2015); returns are reported unclipped
   * @param normalizeObservations normalise observations by running statistics gathered while the buffer fills,
   *     then frozen (so the Q network's input space, and with it the threat model, stays fixed); false for pixels,
   *     which the papers feed as they are
   * @param observationClip normalized observations are clipped to ± this (100: the statistics come from the random
   *     warm-up, so a trained agent visits states many of those standard deviations away; CartPole's cart position
   *     is clipped away beyond about ±1 at a clip of 10, and the agent then cannot see that it drifts off the track)
   */
  public record Dqn(double gamma, double learningRate, boolean annealLearningRate, double adamEps, int batchSize,
      long learningStarts, int trainFrequency, int targetUpdateInterval, boolean doubleQ, double maxGradNorm, double explorationStart,
      double explorationEnd, long explorationSteps, boolean clipRewards, boolean normalizeObservations,
      double observationClip) {
    /** The papers' values. */
    public static final Dqn DEFAULTS = new Dqn(0.99, 6.25e-5, false, 1.5e-4, 32, 80_000, 1, 2_000, true, 0.0, 1.0, 0.05,
        1_500_000, true, false, 100.0);

    /** Range checks, naming the key. */
    public Dqn {
      unit("dqn.gamma", gamma);
      if (!(learningRate > 0) || !(adamEps > 0)) {
        throw new IllegalArgumentException("dqn.learningRate and dqn.adamEps must be positive, got " + learningRate
            + " and " + adamEps);
      }
      positive("dqn.batchSize", batchSize);
      if (learningStarts < 0) {
        throw new IllegalArgumentException("dqn.learningStarts must be >= 0, got " + learningStarts);
      }
      positive("dqn.trainFrequency", trainFrequency);
      positive("dqn.targetUpdateInterval", targetUpdateInterval);
      if (!(maxGradNorm >= 0)) {
        throw new IllegalArgumentException("dqn.maxGradNorm must be >= 0, got " + maxGradNorm);
      }
      unit("dqn.explorationStart", explorationStart);
      unit("dqn.explorationEnd", explorationEnd);
      if (explorationSteps < 0) {
        throw new IllegalArgumentException("dqn.explorationSteps must be >= 0, got " + explorationSteps);
      }
      if (!(observationClip > 0)) {
        throw new IllegalArgumentException("dqn.observationClip must be positive, got " + observationClip);
      }
    }
  }

  /** Which kind of Q network reads the observations. */
  public enum NetworkKind {
    /** Fully connected layers over a vector observation. */
    MLP,
    /** Convolutions over an image observation {@code [C, H, W]}, then fully connected layers. */
    CNN
  }

  /**
   * One convolution of a CNN Q network (no padding, followed by a ReLU).
   *
   * @param channels its output channels
   * @param kernel its square kernel's size
   * @param stride its stride
   */
  public record Conv(int channels, int kernel, int stride) {
    /** Range checks. */
    public Conv {
      if (channels <= 0 || kernel <= 0 || stride <= 0) {
        throw new IllegalArgumentException("network.convs entries need positive channels, kernel and stride, got "
            + channels + ", " + kernel + ", " + stride);
      }
    }
  }

  /**
   * The Q network: an optional convolutional stack (each conv followed by ReLU, then flatten), fully connected ReLU
   * layers, and a head with one output per action: a dueling head {@code Q = V + A − mean(A)} whose value and
   * advantage branches each have one hidden ReLU layer, or one linear layer. PyTorch's default initialisation.
   *
   * @param kind MLP for vector observations, CNN for images (CNN, the papers' Atari network)
   * @param convs the convolutions of a CNN; a CNN only (32 8×8/4, 64 4×4/2, 64 3×3/1: dissertation §6.7.3, after
   *     Wang et al. 2016)
   * @param hidden widths of the fully connected ReLU layers between the convolutions (or the input) and the head
   *     (none: the papers' Atari network goes straight to the dueling branches)
   * @param dueling use the dueling head of Wang et al. 2016 (true, dissertation §6.7.3)
   * @param duelingHidden hidden width of each dueling branch (512, dissertation §6.7.3); with {@code dueling} only
   */
  public record QNetwork(NetworkKind kind, List<Conv> convs, List<Integer> hidden, boolean dueling,
      int duelingHidden) {
    /** The paper's Atari network: conv 32 8×8/4, conv 64 4×4/2, conv 64 3×3/1, dueling branches of 512. */
    public static final QNetwork ATARI = new QNetwork(NetworkKind.CNN, List.of(new Conv(32, 8, 4), new Conv(64, 4, 2),
        new Conv(64, 3, 1)), List.of(), true, 512);

    /** Range checks, naming the key. */
    public QNetwork {
      if (kind == null) {
        throw new IllegalArgumentException("network.kind must be MLP or CNN");
      }
      convs = convs == null ? List.of() : List.copyOf(convs);
      if (kind == NetworkKind.CNN && convs.isEmpty()) {
        throw new IllegalArgumentException("network.kind CNN needs at least one entry in network.convs");
      }
      if (hidden == null || hidden.stream().anyMatch(h -> h == null || h <= 0)) {
        throw new IllegalArgumentException("network.hidden must be a list of positive widths, got " + hidden);
      }
      hidden = List.copyOf(hidden);
      if (dueling) {
        positive("network.duelingHidden", duelingHidden);
      }
    }

    /** The layer list for {@code actions} outputs. */
    public NetworkSpec spec(int actions) {
      List<LayerSpec> layers = new ArrayList<>();
      if (kind == NetworkKind.CNN) {
        for (Conv conv : convs) {
          layers.add(LayerSpec.conv2d(conv.channels(), conv.kernel(), conv.stride(), 0, null));
          layers.add(LayerSpec.of("relu"));
        }
        layers.add(LayerSpec.of("flatten"));
      }
      for (int width : hidden) {
        layers.add(LayerSpec.linear(width));
        layers.add(LayerSpec.of("relu"));
      }
      layers.add(dueling ? LayerSpec.dueling(duelingHidden, actions) : LayerSpec.linear(actions));
      return new NetworkSpec(layers);
    }
  }

  /**
   * The replay buffer: proportional prioritized replay (Schaul et al. 2016) with {@code P(i) ∝ p_i^α}; α = 0 is
   * uniform replay.
   *
   * @param capacity transitions kept (200,000, dissertation §6.7.3); the oldest is overwritten
   * @param alpha priority exponent α (0.5, dissertation §6.7.3)
   * @param betaStart importance-sampling exponent β when learning starts, annealed linearly to 1 at the end (0.4,
   *     dissertation §6.7.3)
   * @param priorityEpsilon added to |TD error| so that no transition gets priority 0 (1e-6)
   */
  public record Replay(int capacity, double alpha, double betaStart, double priorityEpsilon) {
    /** The papers' values. */
    public static final Replay DEFAULTS = new Replay(200_000, 0.5, 0.4, 1e-6);

    /** Range checks, naming the key. */
    public Replay {
      positive("replay.capacity", capacity);
      if (!(alpha >= 0)) {
        throw new IllegalArgumentException("replay.alpha must be >= 0, got " + alpha);
      }
      unit("replay.betaStart", betaStart);
      if (!(priorityEpsilon > 0)) {
        throw new IllegalArgumentException("replay.priorityEpsilon must be positive, got " + priorityEpsilon);
      }
    }
  }

  /** Which solver handles the inner maximisation of the SA-DQN regulariser. */
  public enum Solver {
    /** Projected gradient ascent finds one perturbed state per sample (a lower bound of the maximum). */
    PGD,
    /** Convex relaxation bounds the margins over the whole ball (an upper bound, certificates follow). */
    CONVEX
  }

  /**
   * The SA-DQN regulariser {@code κ·R_DQN} (eq. 6.8, Algorithm 6.7) over the ℓ∞ ball of radius ε_t around the
   * (normalized) observation, clipped to [0, 1] for pixel observations.
   *
   * @param kappa weight κ of the regulariser; 0 is plain DQN (SA-DQN: 0.005, the smallest of the dissertation's
   *     {0.005, 0.01, 0.02}, §6.7.3)
   * @param eps target radius ε (1/255 for Atari pixels in [0, 1])
   * @param solver how the inner maximisation is solved (CONVEX: the dissertation's convex SA-DQN, §6.7.3)
   * @param hingeC the hinge's floor c: margins better than −c are not pushed further (1)
   * @param warmupSteps steps without the regulariser (1.5M, dissertation §6.7.3)
   * @param rampSteps steps over which ε_t rises linearly from 0 to ε after the warm-up (4M, dissertation §6.7.3)
   * @param pgdSteps PGD iterations of the inner maximisation (5); step ε_t / pgdSteps from a random start; PGD
   *     solver only
   * @param crownIbpWeightStart weight of CROWN-IBP against IBP when the ramp starts (1, CROWN-IBP's schedule, Zhang et
   *     al. 2020); convex solver only
   * @param crownIbpWeightEnd weight at the end of the ramp and after (0: pure IBP); convex solver only
   * @param importanceWeighted weight each state's hinge by its prioritized-replay importance weight, as the TD loss
   *     is (false: Algorithm 6.7 as written; true: as the authors' code does, where the weights, normalised by the
   *     largest, make the same κ far weaker)
   */
  public record Robust(double kappa, double eps, Solver solver, double hingeC, long warmupSteps, long rampSteps,
      int pgdSteps, double crownIbpWeightStart, double crownIbpWeightEnd, boolean importanceWeighted)
      implements TrainerBase.Regularizer {
    /** Plain DQN: κ = 0 (the other values apply once κ is set). */
    public static final Robust OFF = new Robust(0.0, 1.0 / 255, Solver.CONVEX, 1.0, 1_500_000, 4_000_000, 5, 1.0,
        0.0, false);
    /** SA-DQN's values. */
    public static final Robust DEFAULTS = new Robust(0.005, 1.0 / 255, Solver.CONVEX, 1.0, 1_500_000, 4_000_000, 5,
        1.0, 0.0, false);

    /** Range checks, naming the key. */
    public Robust {
      if (!(kappa >= 0)) {
        throw new IllegalArgumentException("robust.kappa must be >= 0, got " + kappa);
      }
      if (!(eps >= 0) || Double.isInfinite(eps)) {
        throw new IllegalArgumentException("robust.eps must be a finite radius >= 0, got " + eps);
      }
      if (solver == null) {
        throw new IllegalArgumentException("robust.solver must be PGD or CONVEX");
      }
      if (!(hingeC >= 0)) {
        throw new IllegalArgumentException("robust.hingeC must be >= 0, got " + hingeC);
      }
      if (warmupSteps < 0 || rampSteps < 0) {
        throw new IllegalArgumentException("robust.warmupSteps and robust.rampSteps must be >= 0, got " + warmupSteps
            + " and " + rampSteps);
      }
      positive("robust.pgdSteps", pgdSteps);
      unit("robust.crownIbpWeightStart", crownIbpWeightStart);
      unit("robust.crownIbpWeightEnd", crownIbpWeightEnd);
    }
  }

  /**
   * Logging, evaluation during training and checkpointing.
   *
   * @param stepsPerIteration environment steps per iteration: one metrics row each (1,000, samdp's choice)
   * @param evalEvery evaluate the greedy policy at the end of each iteration that reaches a multiple of this many
   *     steps (50,000: DQN's runs are millions of steps); the run keeps its best checkpoint by it (an SA run only
   *     once ε is final)
   * @param evalDuringTraining greedy episodes of each such evaluation (5; 0: none)
   * @param checkpointEvery save a checkpoint every this many iterations, and at the end (100, samdp's choice)
   * @param keepCheckpoints keep the newest this many checkpoints (2, samdp's choice: each holds the replay buffer)
   * @param evalEpisodes greedy evaluation episodes at the end of a run, into evaluation.json (10; 0: none)
   */
  public record Run(int stepsPerIteration, int evalEvery, int evalDuringTraining, int checkpointEvery,
      int keepCheckpoints, int evalEpisodes) implements TrainerBase.RunSettings {
    /** Defaults. */
    public static final Run DEFAULTS = new Run(1_000, 50_000, 5, 100, 2, 10);

    /** Range checks, naming the key. */
    public Run {
      positive("run.stepsPerIteration", stepsPerIteration);
      positive("run.evalEvery", evalEvery);
      nonNegative("run.evalDuringTraining", evalDuringTraining);
      positive("run.checkpointEvery", checkpointEvery);
      positive("run.keepCheckpoints", keepCheckpoints);
      nonNegative("run.evalEpisodes", evalEpisodes);
    }
  }
}
