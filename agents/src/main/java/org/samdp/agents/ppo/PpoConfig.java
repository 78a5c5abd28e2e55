package org.samdp.agents.ppo;

import static org.samdp.agents.config.Checks.nonNegative;
import static org.samdp.agents.config.Checks.positive;
import static org.samdp.agents.config.Checks.unit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.run.TrainerBase;

/**
 * A PPO or SA-PPO run. Defaults are the papers' setup (§6.7.2.1, after Engstrom et al. 2020) except where noted;
 * SA-PPO is PPO with {@code robust.kappa > 0}.
 *
 * @param env environment id, e.g. {@code Hopper-v4} or {@code CartPole-v1} ({@code samdp envs list} lists them)
 * @param seed seed of networks, environments, sampling and minibatch order (1)
 * @param totalSteps environment steps in all, rounded up to whole iterations (2M: the dissertation's Hopper and
 *     Walker2d budget, §6.7.2.1)
 * @param numEnvs parallel environments, stepped one after another in one process (1)
 * @param ppo the PPO hyper-parameters
 * @param recurrent recurrent policy and value function (off: MLPs)
 * @param robust the state-adversarial regulariser
 * @param run evaluation during training, checkpointing and logging
 */
public record PpoConfig(String env, long seed, long totalSteps, int numEnvs, Ppo ppo, Recurrent recurrent,
    Robust robust, Run run)
    implements TrainerBase.Config, PpoAgentConfig {

  /** Checks what depends on several keys. */
  public PpoConfig {
    TrainerBase.Config.check(env, seed, totalSteps, "Hopper-v4");
    if (numEnvs <= 0) {
      throw new IllegalArgumentException("numEnvs must be positive, got " + numEnvs);
    }
    if (ppo.stepsPerIteration() % numEnvs != 0) {
      throw new IllegalArgumentException("ppo.stepsPerIteration (" + ppo.stepsPerIteration()
          + ") must be a multiple of numEnvs (" + numEnvs + ")");
    }
    if (ppo.stepsPerIteration() % ppo.minibatchSize() != 0) {
      throw new IllegalArgumentException("ppo.stepsPerIteration (" + ppo.stepsPerIteration()
          + ") must be a multiple of ppo.minibatchSize (" + ppo.minibatchSize() + ")");
    }
  }

  /** The paper's PPO on {@code env}: 2M steps, one env, regulariser off. */
  public static PpoConfig ppo(String env) {
    return new PpoConfig(env, 1, 2_000_000, 1, Ppo.DEFAULTS, Recurrent.OFF, Robust.OFF, Run.DEFAULTS);
  }

  /** The paper's SA-PPO on {@code env}: PPO plus κ = 0.1, ε = 0.075 (Hopper's), SGLD. */
  public static PpoConfig saPpo(String env) {
    return new PpoConfig(env, 1, 2_000_000, 1, Ppo.DEFAULTS, Recurrent.OFF, Robust.DEFAULTS, Run.DEFAULTS);
  }

  // Derived values, all here.

  /** This configuration: PPO's agent is the run's. */
  @Override
  public PpoConfig agent() {
    return this;
  }

  /** The algorithm's name for run directories and logs. */
  @Override
  public String algorithm() {
    return robustEnabled() ? "sa-ppo" : "ppo";
  }

  @Override
  public int stepsPerIteration() {
    return ppo.stepsPerIteration();
  }

  /** The regulariser's keys without κ, the recurrent keys of MLPs, the MLP keys of a recurrent net. */
  @Override
  public Map<String, String> unusedKeys() {
    Map<String, String> unused = agentUnusedKeys(recurrent, robust, "only SA-PPO trains with the regulariser: --algo"
        + " sa-ppo");
    if (recurrent.enabled()) {
      String why = "a recurrent network's widths are recurrent.embedding and recurrent.hidden";
      unused.put("ppo.hidden", why);
      unused.put("ppo.activation", why);
    }
    return unused;
  }

  /**
   * What a PPO agent's recurrent and robust settings leave unused (PPO's and ATLA's): the recurrent keys of MLPs, the
   * regulariser's without κ, the other solver's.
   *
   * @param regulariser what turns the regulariser on, for the message
   */
  public static Map<String, String> agentUnusedKeys(Recurrent recurrent, Robust robust, String regulariser) {
    Map<String, String> unused = new LinkedHashMap<>();
    if (!recurrent.enabled()) {
      unused.put("recurrent", "they apply to recurrent networks: set recurrent.cell=lstm or gru");
    }
    if (robust.kappa() == 0) {
      unused.put("robust", regulariser);
    } else if (robust.solver() == Solver.SGLD) {
      unused.put("robust.crownIbpWeightStart", "the convex solver's: robust.solver=CONVEX");
      unused.put("robust.crownIbpWeightEnd", "the convex solver's: robust.solver=CONVEX");
      unused.put("robust.cleanMeanGradient", "the convex solver's: robust.solver=CONVEX");
    } else {
      unused.put("robust.sgldSteps", "SGLD's: robust.solver=SGLD");
      unused.put("robust.sgldTemperature", "SGLD's: robust.solver=SGLD");
    }
    return unused;
  }

  /** Learning-rate factor of iteration {@code t} (from 1): linear from 1 down to 1/T, or 1 without annealing. */
  public double learningRateFactor(int t) {
    return ppo.annealLearningRate() ? 1.0 - (t - 1.0) / iterations() : 1.0;
  }

  /** Iterations over which ε_t and the CROWN-IBP weight ramp (at least 1). */
  public int rampIterations() {
    return Math.max(1, (int) Math.round(robust.rampFraction() * iterations()));
  }

  /**
   * ε_t after {@code progress} iterations (iteration t's last minibatch is at t; fractions between, as the authors'
   * scheduler rises per minibatch): rising linearly to ε over the ramp, then ε (§6.7.2.1).
   */
  public double epsilon(double progress) {
    return robust.eps() * Math.min(1.0, progress / rampIterations());
  }

  /** The CROWN-IBP weight β after {@code progress} iterations: from its start to its end value over the ramp. */
  public double crownIbpWeight(double progress) {
    double ramp = Math.min(1.0, progress / rampIterations());
    return robust.crownIbpWeightStart() + ramp * (robust.crownIbpWeightEnd() - robust.crownIbpWeightStart());
  }

  /**
   * PPO hyper-parameters.
   *
   * @param stepsPerIteration environment steps per iteration, all envs together (2048, dissertation §6.7.2.1)
   * @param gamma discount γ (0.99, dissertation §6.7.2.1)
   * @param gaeLambda GAE λ (0.95, dissertation §6.7.2.1)
   * @param clip PPO's clipping ε of the probability ratio (0.2, dissertation §6.7.2.1)
   * @param clipValueLoss clip the value loss around the old values (true: Engstrom et al. 2020's value clipping; the
   *     SA-PPO authors' Hopper configs turn it off)
   * @param valueClip the value clipping range (0.2, Engstrom et al. 2020); used with {@code clipValueLoss}
   * @param epochs passes over each rollout (10, dissertation §6.7.2.1)
   * @param minibatchSize samples per minibatch (64, dissertation §6.7.2.1)
   * @param policyLearningRate Adam learning rate of the policy (3e-4; the SA-PPO authors' configs: Hopper 3e-4,
   *     Walker2d 4e-4, see the presets)
   * @param valueLearningRate Adam learning rate of the value function (3e-4; the SA-PPO authors' configs: Hopper
   *     2.5e-4, Walker2d 3e-4)
   * @param annealLearningRate decay both learning rates linearly to 0 over the run (true, one of Engstrom et al.
   *     2020's code-level optimisations)
   * @param adamEps Adam's ε (1e-5, as PPO implementations use)
   * @param entropyCoefficient weight of the entropy bonus (0: the papers' MuJoCo setup has none)
   * @param maxGradNorm clip each network's global gradient norm to this (0.5, as CleanRL and Stable-Baselines3 do;
   *     the SA-PPO authors' code clips nothing); 0 turns clipping off
   * @param hidden hidden widths of the policy and value MLPs ((64, 64), dissertation §6.7.2.1); MLPs only, a recurrent
   *     network's widths are {@code recurrent.embedding} and {@code recurrent.hidden}
   * @param activation the MLPs' activation, {@code tanh} (the papers') or {@code relu}; MLPs only
   * @param initialLogStd starting log σ of a Gaussian policy's state-independent log standard deviation (0, σ = 1)
   * @param normalizeObservations running mean/std observation normalisation inside the policy (true, Engstrom et
   *     al. 2020's state normalisation); the threat model's ε is measured in these normalized units
   * @param observationClip normalized observations are clipped to ± this (10, dissertation §6.7.2.1)
   * @param scaleRewards divide rewards by the running std of the discounted return (true, Engstrom et al. 2020's
   *     reward scaling)
   * @param rewardClip scaled rewards are clipped to ± this (10, dissertation §6.7.2.1)
   * @param normalizeAdvantages standardise advantages to mean 0 and std 1 per minibatch (true)
   * @param bootstrapTruncated at a time limit, add γ·V(last observation) to the reward instead of treating the
   *     cut as a terminal state (the papers' code treats it as terminal; false reproduces that)
   * @param resetEachIteration start every iteration's rollout from fresh episodes, dropping the unfinished ones (the
   *     papers' code resets its env at the start of each iteration); false: episodes run on across iterations
   */
  public record Ppo(int stepsPerIteration, double gamma, double gaeLambda, double clip, boolean clipValueLoss,
      double valueClip, int epochs, int minibatchSize, double policyLearningRate, double valueLearningRate,
      boolean annealLearningRate, double adamEps, double entropyCoefficient, double maxGradNorm, List<Integer> hidden,
      String activation, double initialLogStd, boolean normalizeObservations, double observationClip,
      boolean scaleRewards, double rewardClip, boolean normalizeAdvantages, boolean bootstrapTruncated,
      boolean resetEachIteration) {
    /** The papers' values. */
    public static final Ppo DEFAULTS = new Ppo(2048, 0.99, 0.95, 0.2, true, 0.2, 10, 64, 3e-4, 3e-4, true, 1e-5, 0.0,
        0.5, List.of(64, 64), "tanh", 0.0, true, 10.0, true, 10.0, true, true, false);

    /** Range checks, naming the key. */
    public Ppo {
      positive("ppo.stepsPerIteration", stepsPerIteration);
      unit("ppo.gamma", gamma);
      unit("ppo.gaeLambda", gaeLambda);
      if (!(clip > 0)) {
        throw new IllegalArgumentException("ppo.clip must be positive, got " + clip);
      }
      if (!(valueClip > 0)) {
        throw new IllegalArgumentException("ppo.valueClip must be positive, got " + valueClip);
      }
      positive("ppo.epochs", epochs);
      positive("ppo.minibatchSize", minibatchSize);
      if (!(policyLearningRate > 0) || !(valueLearningRate > 0)) {
        throw new IllegalArgumentException("ppo.policyLearningRate and ppo.valueLearningRate must be positive, got "
            + policyLearningRate + " and " + valueLearningRate);
      }
      if (!(adamEps > 0)) {
        throw new IllegalArgumentException("ppo.adamEps must be positive, got " + adamEps);
      }
      if (!(entropyCoefficient >= 0) || !(maxGradNorm >= 0)) {
        throw new IllegalArgumentException("ppo.entropyCoefficient and ppo.maxGradNorm must be >= 0, got "
            + entropyCoefficient + " and " + maxGradNorm);
      }
      if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h <= 0)) {
        throw new IllegalArgumentException("ppo.hidden must be a non-empty list of positive widths, got " + hidden);
      }
      hidden = List.copyOf(hidden);
      if (!"tanh".equals(activation) && !"relu".equals(activation)) {
        throw new IllegalArgumentException("ppo.activation must be tanh or relu, got " + activation);
      }
      if (!(observationClip > 0) || !(rewardClip > 0)) {
        throw new IllegalArgumentException("ppo.observationClip and ppo.rewardClip must be positive, got "
            + observationClip + " and " + rewardClip);
      }
      if (!Double.isFinite(initialLogStd)) {
        throw new IllegalArgumentException("ppo.initialLogStd must be finite, got " + initialLogStd);
      }
    }
  }

  /**
   * Recurrent policy and value function, ATLA's LSTM setup (§3.5): each is a linear embedding without activation, one
   * cell and a linear head ({@link org.samdp.agents.nn.NetworkSpec#recurrent}); {@code ppo.hidden} and
   * {@code ppo.activation} then do not apply. Training reads the rollout as sequences split at episode ends, with
   * gradients truncated every {@code historyLength} steps; a minibatch holds whole sequences.
   *
   * @param cell {@code none} (MLPs, the default), {@code lstm} (ATLA's LSTM policies) or {@code gru}
   * @param embedding width of the linear embedding before the cell (64, the ATLA authors' LSTM setup)
   * @param hidden the cell's hidden size (64, the ATLA authors' LSTM setup)
   * @param historyLength steps of backpropagation through time; the state carried into the next chunk of a sequence
   *     is detached (100)
   */
  public record Recurrent(String cell, int embedding, int hidden, int historyLength) {
    /** MLPs; the other values apply once a cell is set. */
    public static final Recurrent OFF = new Recurrent("none", 64, 64, 100);

    /** Range checks, naming the key. */
    public Recurrent {
      if (!List.of("none", "lstm", "gru").contains(cell)) {
        throw new IllegalArgumentException("recurrent.cell must be none, lstm or gru, got " + cell);
      }
      positive("recurrent.embedding", embedding);
      positive("recurrent.hidden", hidden);
      positive("recurrent.historyLength", historyLength);
    }

    /** True when the policy and value function are recurrent. */
    public boolean enabled() {
      return !cell.equals("none");
    }
  }

  /** Which solver bounds the inner maximisation of the regulariser. */
  public enum Solver {
    /** Stochastic gradient Langevin dynamics: a lower bound from a found perturbation. */
    SGLD,
    /** Convex relaxation through the bound engine (CROWN-IBP mixed with IBP): an upper bound over the whole ball. */
    CONVEX
  }

  /**
   * The state-adversarial regulariser {@code κ·R_PPO} of Algorithm 6.5 over the ℓ∞ ball of radius ε_t in normalized
   * observation space. By default R is what the SA-PPO authors' code computes (Zhang et al. 2020, released SA_PPO,
   * {@code robust_ppo_step}): for a Gaussian policy the mean over the minibatch of {@code Σ_i (Δ_i / σ_i)²}, where
   * Δ is the mean's move {@code μ(ŝ) − μ(s)} at SGLD's ŝ, or its bound {@code max(u_i − μ_i(s), μ_i(s) − l_i)} from
   * bounds [l, u] of the mean over the ball (convex), and σ = exp(log σ) carries gradients. Categorical policies use
   * the KL itself ({@code halfKl}, {@code detachStd} and {@code cleanMeanGradient} concern Gaussians only).
   *
   * @param kappa weight κ of the regulariser; 0 is plain PPO (SA-PPO: 0.1; the papers tune it per env, see the
   *     presets)
   * @param eps target radius ε (0.075 is the paper's Hopper value)
   * @param rampFraction fraction of the iterations over which ε_t rises linearly from 0 to ε (0.75)
   * @param solver SGLD or CONVEX. With a recurrent network, SGLD perturbs whole sequences and the convex bound covers,
   *     at each step, every observation since the start of its {@code recurrent.historyLength} chunk
   * @param sgldSteps SGLD's gradient steps K (10); the step is η = ε_t / K. As the authors' code: a first move of
   *     η·sign(ξ) from s, then K steps of η·sign(∇ + ξ·sqrt(2·η·β)/(k + 2)), each projected into the ball
   * @param sgldTemperature the paper's SGLD temperature β = 1e-5: the noise added to the gradient before its sign is
   *     taken is small, so it decides only where the gradient is tiny
   * @param crownIbpWeightStart weight of CROWN-IBP against IBP at the start of the ramp (1). The authors' code writes
   *     the same schedule as an IBP weight rising from 0 to 1 with ε_t, so training ends on pure IBP bounds
   * @param crownIbpWeightEnd weight at the end of the ramp and after (0)
   * @param halfKl false (default): {@code Σ_i (Δ_i / σ_i)²} as the authors' code computes it; true: half of it,
   *     {@code ½ Σ_i (Δ_i / σ_i)²}, the KL between Gaussians of equal σ of the dissertation's eq. 6.6 (a factor
   *     of 2 on κ)
   * @param detachStd false (default, the authors' {@code robust_ppo_detach_stdev: false} in their Hopper, Walker2d and
   *     Humanoid configurations): gradients of R reach log σ, where they always push σ up; true: σ in R is a constant
   *     (the option the authors' code offers "so that it won't be too large")
   * @param cleanMeanGradient convex solver only. True (default, the authors' convex step): gradients of R flow
   *     through μ(s) as well as through the bounds; false: μ(s) is a constant. SGLD always holds μ(s) constant, as
   *     the authors' SGLD step does
   */
  public record Robust(double kappa, double eps, double rampFraction, Solver solver, int sgldSteps,
      double sgldTemperature, double crownIbpWeightStart, double crownIbpWeightEnd, boolean halfKl,
      boolean detachStd, boolean cleanMeanGradient)
      implements TrainerBase.Regularizer {
    /** Plain PPO: κ = 0 (the other values apply once κ is set). */
    public static final Robust OFF = new Robust(0.0, 0.075, 0.75, Solver.SGLD, 10, 1e-5, 1.0, 0.0, false, false,
        true);
    /** SA-PPO's values. */
    public static final Robust DEFAULTS = new Robust(0.1, 0.075, 0.75, Solver.SGLD, 10, 1e-5, 1.0, 0.0, false,
        false, true);

    /** Range checks, naming the key. */
    public Robust {
      if (!(kappa >= 0)) {
        throw new IllegalArgumentException("robust.kappa must be >= 0, got " + kappa);
      }
      if (!(eps >= 0)) {
        throw new IllegalArgumentException("robust.eps must be >= 0 (a radius in normalized observation space), got "
            + eps);
      }
      if (!(rampFraction >= 0 && rampFraction <= 1)) {
        throw new IllegalArgumentException("robust.rampFraction must be in [0, 1], got " + rampFraction);
      }
      if (solver == null) {
        throw new IllegalArgumentException("robust.solver must be SGLD or CONVEX");
      }
      positive("robust.sgldSteps", sgldSteps);
      if (!(sgldTemperature >= 0)) {
        throw new IllegalArgumentException("robust.sgldTemperature must be >= 0, got " + sgldTemperature);
      }
      unit("robust.crownIbpWeightStart", crownIbpWeightStart);
      unit("robust.crownIbpWeightEnd", crownIbpWeightEnd);
    }
  }

  /**
   * Evaluation during training, checkpointing and logging.
   *
   * @param evalEvery evaluate the deterministic policy at the end of each iteration that reaches a multiple of this
   *     many steps (10,000, Stable-Baselines3's EvalCallback default); the run keeps its best checkpoint by it (an
   *     SA run only once ε is final)
   * @param evalDuringTraining deterministic episodes of each such evaluation (5, as Stable-Baselines3's; 0: none)
   * @param checkpointEvery save a checkpoint every this many iterations, and at the end (50, samdp's choice)
   * @param keepCheckpoints keep the newest this many checkpoints; the best one is kept besides (3, samdp's choice)
   * @param evalEpisodes deterministic evaluation episodes at the end of a run, into evaluation.json (10, samdp's
   *     choice; 0: none)
   */
  public record Run(int evalEvery, int evalDuringTraining, int checkpointEvery, int keepCheckpoints, int evalEpisodes)
      implements TrainerBase.RunSettings {
    /** Defaults. */
    public static final Run DEFAULTS = new Run(10_000, 5, 50, 3, 10);

    /** Range checks, naming the key. */
    public Run {
      positive("run.evalEvery", evalEvery);
      nonNegative("run.evalDuringTraining", evalDuringTraining);
      positive("run.checkpointEvery", checkpointEvery);
      positive("run.keepCheckpoints", keepCheckpoints);
      nonNegative("run.evalEpisodes", evalEpisodes);
    }
  }
}
