package org.samdp.agents.ddpg;

import static org.samdp.agents.config.Checks.nonNegative;
import static org.samdp.agents.config.Checks.positive;
import static org.samdp.agents.config.Checks.unit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.samdp.agents.run.TrainerBase;

/**
 * A DDPG or SA-DDPG run. Defaults are the SA-DDPG authors' setup (dissertation §6.7.2.2, their {@code defaults.json}):
 * actor and critic MLPs of 400-300 ReLU, Adam 1e-4 / 1e-3, batch 64, γ 0.99, soft targets τ 1e-3, uniform replay of
 * 1e6 filled by 1e4 uniformly random actions, Ornstein-Uhlenbeck exploration, one update per step, 2M steps. SA-DDPG is
 * DDPG with {@code robust.kappa > 0}.
 *
 * @param env environment id with a Box action space, e.g. {@code Hopper-v4}
 * @param seed seed of the networks, the environment, exploration, replay sampling and SGLD (1)
 * @param totalSteps environment steps in all, rounded up to whole iterations (2M, the SA-DDPG authors' budget)
 * @param ddpg the DDPG hyper-parameters
 * @param replay the replay buffer
 * @param robust the state-adversarial regulariser of SA-DDPG
 * @param run logging, evaluation during training and checkpointing
 */
public record DdpgConfig(String env, long seed, long totalSteps, Ddpg ddpg, Replay replay, Robust robust, Run run)
    implements TrainerBase.Config {

  /** The SA-DDPG authors' fixed per-dimension state standard deviations (Appendix A of the spec), by env name. */
  private static final Map<String, double[]> STATE_STD = Map.of(
      "Hopper", new double[] {0.1754, 0.11278, 0.14041, 0.33625, 0.64338, 0.68419, 1.42197, 1.98514, 1.86178,
          3.73027, 5.39772},
      "Walker2d", new double[] {0.13474, 0.40076, 0.66878, 0.9781, 0.82149, 0.75845, 1.14089, 0.62119, 1.92261,
          1.14501, 5.47682, 5.55444, 6.33212, 5.70683, 5.52888, 6.28093, 5.56576},
      "Reacher", new double[] {0.51411, 0.6652, 0.68302, 0.68659, 0.10219, 0.09372, 2.33258, 2.84605, 0.08844,
          0.04629, 0},
      "InvertedPendulum", new double[] {0.07061, 0.02101, 0.1186, 0.10751},
      // Ant's first 27 values are its positions and velocities (Ant-v4's default observation); 84 contact forces
      // follow, 30 of them with std 0, observed only with use_contact_forces.
      "Ant", new double[] {0.16433, 0.44116, 0.41333, 0.36275, 0.34897, 0.3929, 0.24917, 0.42846, 0.26387, 0.42392,
          0.21057, 0.39986, 0.2267, 1.10477, 0.6665, 0.6753, 1.14095, 1.15099, 1.55623, 2.90407, 2.61376, 5.19045,
          1.98672, 3.33538, 1.29282, 3.74981, 2.21006, 0, 0, 0, 0, 0, 0, 0.19163, 0.19361, 0.03786, 0.30753, 0.30636,
          0.4425, 0, 0, 0, 0, 0, 0, 0.07389, 0.07122, 0.06886, 0.07977, 0.08114, 0.08838, 0.25413, 0.25861, 0.24655,
          0.26196, 0.26338, 0.26488, 0, 0, 0, 0, 0, 0, 0.06797, 0.06874, 0.06381, 0.07761, 0.0779, 0.08684, 0.25202,
          0.25015, 0.24977, 0.2569, 0.25471, 0.25753, 0, 0, 0, 0, 0, 0, 0.08224, 0.08685, 0.07459, 0.09552, 0.09376,
          0.11057, 0.28689, 0.27631, 0.27319, 0.28732, 0.28473, 0.2927, 0, 0, 0, 0, 0, 0, 0.07759, 0.07953, 0.0727,
          0.0891, 0.08748, 0.10143, 0.27404, 0.25845, 0.25787, 0.26949, 0.2652, 0.27523});

  /** Checks what depends on several keys. */
  public DdpgConfig {
    TrainerBase.Config.check(env, seed, totalSteps, "Hopper-v4");
    if (replay.capacity() < ddpg.batchSize()) {
      throw new IllegalArgumentException("replay.capacity (" + replay.capacity() + ") must be at least ddpg.batchSize ("
          + ddpg.batchSize() + "): a minibatch is drawn from the buffer");
    }
    if (run.evalEvery() % run.stepsPerIteration() != 0) {
      throw new IllegalArgumentException("run.evalEvery (" + run.evalEvery() + ") must be a multiple of"
          + " run.stepsPerIteration (" + run.stepsPerIteration() + ")");
    }
  }

  /** The authors' DDPG on {@code env}: 2M steps, regulariser off. */
  public static DdpgConfig ddpg(String env) {
    return new DdpgConfig(env, 1, 2_000_000, Ddpg.DEFAULTS, Replay.DEFAULTS, Robust.OFF, Run.DEFAULTS);
  }

  /** The authors' SA-DDPG (convex) on {@code env} with Hopper's κ 1000 and ε 0.075. */
  public static DdpgConfig saDdpg(String env) {
    return new DdpgConfig(env, 1, 2_000_000, Ddpg.DEFAULTS, Replay.DEFAULTS, Robust.DEFAULTS, Run.DEFAULTS);
  }

  // Derived values, all here.

  /** The algorithm's name for run directories and logs. */
  @Override
  public String algorithm() {
    return robustEnabled() ? "sa-ddpg" : "ddpg";
  }

  @Override
  public int stepsPerIteration() {
    return run.stepsPerIteration();
  }

  /**
   * The regulariser's keys without κ (but {@code robust.stateStd}, the unit of every ε of the run's attacks and
   * certificates too), the other solver's.
   */
  @Override
  public Map<String, String> unusedKeys() {
    Map<String, String> unused = new LinkedHashMap<>();
    List<String> regulariser = robust.kappa() == 0 ? List.of("kappa", "eps", "solver", "sgldSteps", "sgldTemperature",
        "startStep", "rampSteps", "crownIbpWeightStart", "crownIbpWeightEnd")
        : robust.solver() == Solver.SGLD ? List.of("crownIbpWeightStart", "crownIbpWeightEnd")
        : List.of("sgldSteps", "sgldTemperature");
    String why = robust.kappa() == 0 ? "only SA-DDPG trains with the regulariser: --algo sa-ddpg"
        : robust.solver() == Solver.SGLD ? "the convex solver's: robust.solver=CONVEX" : "SGLD's: robust.solver=SGLD";
    regulariser.forEach(key -> unused.put("robust." + key, why));
    return unused;
  }

  /**
   * How far the regulariser's schedule is at {@code step}: 0 before {@code robust.startStep}, rising linearly to 1
   * over {@code robust.rampSteps} (the authors' per-step linear schedule).
   */
  public double rampProgress(long step) {
    if (step < robust.startStep()) {
      return 0;
    }
    return Math.min(1.0, (double) (step - robust.startStep()) / Math.max(1, robust.rampSteps()));
  }

  /** ε_t at {@code step}, in units of the per-dimension state std. */
  public double epsilon(long step) {
    return robust.eps() * rampProgress(step);
  }

  /** The CROWN-IBP weight β at {@code step}: from its start to its end value as ε ramps up. */
  public double crownIbpWeight(long step) {
    double progress = rampProgress(step);
    return robust.crownIbpWeightStart() + progress * (robust.crownIbpWeightEnd() - robust.crownIbpWeightStart());
  }

  /** True once ε_t has reached its final value (from then on an SA run may keep a best checkpoint). */
  public boolean epsilonFinal(long step) {
    return !robustEnabled() || rampProgress(step) >= 1;
  }

  /**
   * The per-dimension scale of the ball, in training and in evaluation alike: ŝ_i ∈ [s_i − ε_t·σ_i, s_i + ε_t·σ_i] with σ_i the configured
   * {@code robust.stateStd} (or, when it is empty, the authors' constants for Hopper, Walker2d, Reacher,
   * InvertedPendulum and Ant, else ones) plus 1e-10, as the authors add.
   *
   * @param observationSize the env's observation size
   * @throws IllegalArgumentException if {@code robust.stateStd} has another length than the observations
   */
  @Override
  public double[] radiusScale(int observationSize) {
    double[] std;
    if (!robust.stateStd().isEmpty()) {
      if (robust.stateStd().size() != observationSize) {
        throw new IllegalArgumentException("robust.stateStd has " + robust.stateStd().size() + " values but " + env
            + " observes " + observationSize);
      }
      std = robust.stateStd().stream().mapToDouble(Double::doubleValue).toArray();
    } else {
      std = authorsStateStd(env, observationSize).orElseGet(() -> ones(observationSize));
    }
    double[] scale = new double[observationSize];
    for (int i = 0; i < observationSize; i++) {
      scale[i] = std[i] + 1e-10;
    }
    return scale;
  }

  /**
   * The SA-DDPG authors' state std for {@code env}'s family (their v2 envs: Hopper, Walker2d, Reacher, InvertedPendulum,
   * Ant's first values), when they fit {@code observationSize} observations.
   */
  public static Optional<double[]> authorsStateStd(String env, int observationSize) {
    double[] known = STATE_STD.get(authorsFamily(env));
    boolean fits = known != null && (known.length == observationSize || env.startsWith("Ant") && known.length
        >= observationSize);
    return fits ? Optional.of(Arrays.copyOf(known, observationSize)) : Optional.empty();
  }

  /**
   * The name the SA-DDPG authors' per-env constants go by for an env id: its name without the version, Ant for every
   * Ant (Ant-v4's 27 observations are the first of their Ant-v2's 111, AntContactForces-v4 observes all of them).
   */
  public static String authorsFamily(String env) {
    return env.startsWith("Ant") ? "Ant" : env.replaceFirst("-v\\d+$", "");
  }

  private static double[] ones(int size) {
    double[] ones = new double[size];
    Arrays.fill(ones, 1.0);
    return ones;
  }

  /**
   * DDPG hyper-parameters.
   *
   * @param gamma discount γ (0.99, the authors' defaults.json)
   * @param tau soft target update τ per update, actor and critic (1e-3, the authors' defaults.json)
   * @param actorLearningRate Adam learning rate of the actor (1e-4, the authors' defaults.json)
   * @param criticLearningRate Adam learning rate of the critic (1e-3; the authors use 1e-4 for Ant and Hopper)
   * @param adamEps Adam's ε (1e-8, PyTorch's default, which the authors keep)
   * @param batchSize transitions per update (64, the authors' defaults.json)
   * @param warmupSteps steps of uniformly random actions that fill the buffer; updates start once it holds this many
   *     (10,000)
   * @param actorHidden hidden ReLU widths of the actor ((400, 300))
   * @param criticHidden hidden ReLU widths of the critic on concat(s, a) ((400, 300))
   * @param rescaleActions map the actor's tanh output from [−1, 1] onto the action bounds; false (the authors')
   *     only clips it to the bounds, so an env with bounds wider than ±1 (InvertedPendulum's ±3, Pendulum's ±2) is
   *     acted on in [−1, 1] only
   * @param bootstrapTruncated a time-limit cut (Gymnasium's truncated) is not terminal: its target bootstraps from
   *     the final observation, {@code r + γ·Q'(s', π'(s'))}. False reproduces the authors' {@code mask = 1 − done},
   *     under which the last step of every episode the time limit ends (each 1000-step Hopper episode an agent
   *     survives; every Pendulum episode) gets the target {@code r} alone, as if the env had stopped there, so the
   *     critic learns that states at the limit, which it cannot tell apart from the same states earlier, are worth
   *     less
   * @param noiseTheta the Ornstein-Uhlenbeck exploration noise's θ (0.15, the authors' code, after Lillicrap et al.
   *     2016)
   * @param noiseSigma the Ornstein-Uhlenbeck noise's σ (0.2, the authors' code)
   * @param noiseDt the Ornstein-Uhlenbeck noise's time step dt (1e-2, the authors' code)
   */
  public record Ddpg(double gamma, double tau, double actorLearningRate, double criticLearningRate, double adamEps,
      int batchSize, long warmupSteps, List<Integer> actorHidden, List<Integer> criticHidden, boolean rescaleActions,
      boolean bootstrapTruncated, double noiseTheta, double noiseSigma, double noiseDt) {
    /** The authors' values. */
    public static final Ddpg DEFAULTS = new Ddpg(0.99, 1e-3, 1e-4, 1e-3, 1e-8, 64, 10_000, List.of(400, 300),
        List.of(400, 300), false, true, 0.15, 0.2, 1e-2);

    /** Range checks, naming the key. */
    public Ddpg {
      unit("ddpg.gamma", gamma);
      unit("ddpg.tau", tau);
      if (!(actorLearningRate > 0) || !(criticLearningRate > 0) || !(adamEps > 0)) {
        throw new IllegalArgumentException("ddpg.actorLearningRate, ddpg.criticLearningRate and ddpg.adamEps must be"
            + " positive, got " + actorLearningRate + ", " + criticLearningRate + " and " + adamEps);
      }
      positive("ddpg.batchSize", batchSize);
      nonNegative("ddpg.warmupSteps", warmupSteps);
      actorHidden = widths("ddpg.actorHidden", actorHidden);
      criticHidden = widths("ddpg.criticHidden", criticHidden);
      if (!(noiseTheta >= 0) || !(noiseSigma >= 0) || !(noiseDt > 0)) {
        throw new IllegalArgumentException("ddpg.noiseTheta and ddpg.noiseSigma must be >= 0 and ddpg.noiseDt"
            + " positive, got " + noiseTheta + ", " + noiseSigma + " and " + noiseDt);
      }
    }

    private static List<Integer> widths(String key, List<Integer> widths) {
      if (widths == null || widths.stream().anyMatch(h -> h == null || h <= 0)) {
        throw new IllegalArgumentException(key + " must be a list of positive widths, got " + widths);
      }
      return List.copyOf(widths);
    }
  }

  /**
   * The replay buffer: uniform, the oldest transition overwritten when full.
   *
   * @param capacity transitions kept (1e6, the authors' defaults.json)
   */
  public record Replay(int capacity) {
    /** The authors' value. */
    public static final Replay DEFAULTS = new Replay(1_000_000);

    /** Range checks, naming the key. */
    public Replay {
      positive("replay.capacity", capacity);
    }
  }

  /** Which solver handles the inner maximisation of the SA-DDPG regulariser. */
  public enum Solver {
    /** Signed SGLD finds one perturbed state per sample (a lower bound of the maximum). */
    SGLD,
    /** Convex relaxation bounds the actions over the whole ball (an upper bound). */
    CONVEX
  }

  /**
   * The SA-DDPG regulariser {@code κ·R} in the form the SA-DDPG authors' code computes: the mean over the batch and the action
   * dimensions of the squared deviation of the actor's (tanh) output at ŝ from its output at s, over the box
   * {@code |ŝ_i − s_i| ≤ ε_t·σ_i} in raw observation space.
   *
   * @param kappa weight κ; 0 is plain DDPG (the authors use 0.1-3 for InvertedPendulum and Reacher, 30-1000 else)
   * @param eps target radius ε in units of the per-dimension state std σ (Hopper 0.075)
   * @param solver how the inner maximisation is solved (CONVEX, the SA-DDPG authors' default)
   * @param sgldSteps SGLD steps after the random first move (5, the authors' code); the step is η = ε_t / sgldSteps
   *     std units; SGLD solver only
   * @param sgldTemperature SGLD's β (1e-5): the noise added to the gradient at step i is
   *     {@code ξ·sqrt(2η)·β/(i + 2)} (as the authors' code), so it decides only where the gradient is tiny; SGLD
   *     solver only
   * @param startStep environment step at which ε_t starts to rise from 0 (1M, the authors' schedule); before it the
   *     run is plain DDPG
   * @param rampSteps steps over which ε_t rises linearly to ε (500k, the authors' schedule)
   * @param crownIbpWeightStart weight β of CROWN-IBP against IBP when the ramp starts (1); convex solver only
   * @param crownIbpWeightEnd β at the end of the ramp and after (0: pure IBP); convex solver only
   * @param stateStd the per-dimension state std σ; empty for the authors' constants of the known envs (ones for
   *     other envs); {@code samdp train --state-statistics} sets it from a vanilla run's visited states
   */
  public record Robust(double kappa, double eps, Solver solver, int sgldSteps, double sgldTemperature, long startStep,
      long rampSteps, double crownIbpWeightStart, double crownIbpWeightEnd, List<Double> stateStd)
      implements TrainerBase.Regularizer {
    /** Plain DDPG: κ = 0 (the other values apply once κ is set). */
    public static final Robust OFF = new Robust(0.0, 0.075, Solver.CONVEX, 5, 1e-5, 1_000_000, 500_000, 1.0, 0.0,
        List.of());
    /** SA-DDPG's values (Hopper's κ and ε). */
    public static final Robust DEFAULTS = new Robust(1000.0, 0.075, Solver.CONVEX, 5, 1e-5, 1_000_000, 500_000, 1.0,
        0.0, List.of());

    /** Range checks, naming the key. */
    public Robust {
      if (!(kappa >= 0) || Double.isInfinite(kappa)) {
        throw new IllegalArgumentException("robust.kappa must be a finite weight >= 0, got " + kappa);
      }
      if (!(eps >= 0) || Double.isInfinite(eps)) {
        throw new IllegalArgumentException("robust.eps must be a finite radius >= 0 (in units of the state std), got "
            + eps);
      }
      if (solver == null) {
        throw new IllegalArgumentException("robust.solver must be SGLD or CONVEX");
      }
      positive("robust.sgldSteps", sgldSteps);
      if (!(sgldTemperature >= 0)) {
        throw new IllegalArgumentException("robust.sgldTemperature must be >= 0, got " + sgldTemperature);
      }
      nonNegative("robust.startStep", startStep);
      nonNegative("robust.rampSteps", rampSteps);
      unit("robust.crownIbpWeightStart", crownIbpWeightStart);
      unit("robust.crownIbpWeightEnd", crownIbpWeightEnd);
      stateStd = stateStd == null ? List.of() : List.copyOf(stateStd);
      if (stateStd.stream().anyMatch(s -> s == null || !(s >= 0) || Double.isInfinite(s))) {
        throw new IllegalArgumentException("robust.stateStd must hold finite values >= 0, got " + stateStd);
      }
      if (!stateStd.isEmpty() && stateStd.stream().allMatch(s -> s == 0)) {
        throw new IllegalArgumentException("robust.stateStd is 0 everywhere, so no state could be perturbed; give the"
            + " std of the states a vanilla policy visits (or leave it empty)");
      }
    }
  }

  /**
   * Logging, evaluation during training and checkpointing.
   *
   * @param stepsPerIteration environment steps per iteration: one metrics row each (1,000, samdp's choice)
   * @param evalEvery evaluate the deterministic actor every this many steps (10,000), a multiple of
   *     stepsPerIteration; the run keeps its best checkpoint by that evaluation (an SA run only once ε_t is final)
   * @param evalDuringTraining deterministic episodes of each such evaluation (20; 0: none)
   * @param checkpointEvery save a checkpoint every this many iterations, and at the end (20, samdp's choice)
   * @param keepCheckpoints keep the newest this many checkpoints (1, samdp's choice: each holds the replay buffer)
   * @param evalEpisodes deterministic evaluation episodes at the end of a run, into evaluation.json (10; 0: none)
   */
  public record Run(int stepsPerIteration, int evalEvery, int evalDuringTraining, int checkpointEvery,
      int keepCheckpoints, int evalEpisodes) implements TrainerBase.RunSettings {
    /** Defaults. */
    public static final Run DEFAULTS = new Run(1_000, 10_000, 20, 20, 1, 10);

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
