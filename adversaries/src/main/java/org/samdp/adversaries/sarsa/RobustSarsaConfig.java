package org.samdp.adversaries.sarsa;

import static org.samdp.agents.config.Checks.nonNegative;
import static org.samdp.agents.config.Checks.positive;
import static org.samdp.agents.config.Checks.unit;

import org.samdp.agents.run.TrainerBase;

/**
 * Learning the Robust Sarsa critic {@code Q_RS(s, a)} of a fixed victim (dissertation §6.4.2, the PPO code's setup).
 * Defaults are the authors' PPO-family values: 30 iterations of 2048 steps, 10 epochs of minibatches of 64, Adam
 * (ε 1e-5) at 3e-4, rewards scaled as PPO scales them, and the robust regulariser with weight 0.1 over the ℓ∞ ball of
 * radius 0.02 around the concatenated (state, action) input.
 *
 * <p>Schedules, all here and all derived from the number of iterations T as the authors derive them from theirs:
 * the regulariser's radius ε_t and the IBP weight are 0 for the first {@code ⌊T/3⌋ − 1} iterations, rise per
 * minibatch from 0 to their maximum over the next ⌊T/3⌋ (auto_LiRPA's linear scheduler with start ⌊T/3⌋ and length
 * ⌊T/3⌋), then stay there; the learning rate stays at its value for the first 2T/3 iterations, then falls linearly
 * towards 0.
 *
 * @param env environment id
 * @param seed seed of Q's initialisation, the envs, the victim's sampling and the minibatch order
 * @param totalSteps environment steps in all (rounded up to whole iterations); 30 × 2048 = 61,440
 * @param stepsPerIteration victim steps collected fresh for each iteration (2048)
 * @param epochs passes over each iteration's steps (10)
 * @param minibatchSize samples per minibatch (64); must divide {@code stepsPerIteration}
 * @param learningRate Adam's learning rate (3e-4, the PPO configs' value learning rate)
 * @param annealLearningRate fall linearly towards 0 over the last third of the iterations
 * @param adamEps Adam's ε (1e-5)
 * @param gamma discount of the TD target and of the reward scaling's return (0.99)
 * @param scaleRewards divide rewards by the running std of the discounted return and clip to ±10, as PPO does; off,
 *     Q_RS estimates the env's own discounted returns
 * @param eps the regulariser's final radius on the concatenated (normalized state, action) input (0.02)
 * @param reg the regulariser's weight (0.1); 0 turns it off (plain Sarsa)
 * @param run checkpointing
 */
public record RobustSarsaConfig(String env, long seed, long totalSteps, int stepsPerIteration, int epochs,
    int minibatchSize, double learningRate, boolean annealLearningRate, double adamEps, double gamma,
    boolean scaleRewards, double eps, double reg, Run run) implements TrainerBase.Config {

  /** Scaled rewards are clipped to ± this, as PPO's are. */
  public static final double REWARD_CLIP = 10;

  /** Range checks, naming the key. */
  public RobustSarsaConfig {
    TrainerBase.Config.check(env, seed, totalSteps, "Hopper-v4");
    positive("stepsPerIteration", stepsPerIteration);
    positive("epochs", epochs);
    positive("minibatchSize", minibatchSize);
    if (stepsPerIteration % minibatchSize != 0) {
      throw new IllegalArgumentException("stepsPerIteration (" + stepsPerIteration
          + ") must be a multiple of minibatchSize (" + minibatchSize + ")");
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (!(adamEps > 0)) {
      throw new IllegalArgumentException("adamEps must be positive, got " + adamEps);
    }
    unit("gamma", gamma);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be >= 0 (a radius on the normalized (state, action) input), got "
          + eps);
    }
    if (!(reg >= 0) || Double.isInfinite(reg)) {
      throw new IllegalArgumentException("reg must be >= 0, got " + reg);
    }
    if (run == null) {
      throw new IllegalArgumentException("run must be given");
    }
  }

  /** The authors' Robust Sarsa on {@code env}: 30 iterations of 2048 steps, ε 0.02, reg 0.1. */
  public static RobustSarsaConfig defaults(String env) {
    return new RobustSarsaConfig(env, 1, 30 * 2048, 2048, 10, 64, 3e-4, true, 1e-5, 0.99, true, 0.02, 0.1,
        Run.DEFAULTS);
  }

  // Derived values, all here.

  @Override
  public String algorithm() {
    return "robust-sarsa";
  }

  /** The regulariser's weight as the run plumbing reads it: {@link #reg()}. */
  @Override
  public TrainerBase.Regularizer robust() {
    return this::reg;
  }

  /** Minibatches per iteration, all epochs together. */
  public int minibatchesPerIteration() {
    return epochs * (stepsPerIteration / minibatchSize);
  }

  /** The iteration whose minibatches begin the ramp, and the ramp's length in iterations: both ⌊T/3⌋, at least 1. */
  public int rampIterations() {
    return Math.max(1, iterations() / 3);
  }

  /**
   * How far the regulariser's ramp has got at minibatch {@code k} (from 0) of iteration {@code t} (from 1), in
   * [0, 1]: 0 before iteration {@link #rampIterations()}, then rising per minibatch by
   * {@code 1 / (rampIterations · minibatchesPerIteration)}, then 1.
   */
  public double rampProgress(int t, int k) {
    double progress = (t - rampIterations() + (double) k / minibatchesPerIteration()) / rampIterations();
    return Math.max(0, Math.min(1, progress));
  }

  /** ε_t at minibatch {@code k} of iteration {@code t}: {@link #eps()} times the ramp's progress. */
  public double epsilon(int t, int k) {
    return eps * rampProgress(t, k);
  }

  /**
   * The weight of CROWN-IBP against IBP at minibatch {@code k} of iteration {@code t}, in the bound engine's
   * convention ({@link org.samdp.bounds.BoundedNetwork#mixed}: {@code w·CROWN-IBP + (1 − w)·IBP}). The authors
   * schedule the IBP weight β from 0 to 1 along with ε_t, so this is {@code 1 − β}: from 1 (pure CROWN-IBP) down to 0
   * (pure IBP, which the last third of training uses).
   */
  public double crownIbpWeight(int t, int k) {
    return 1 - rampProgress(t, k);
  }

  /**
   * Learning-rate factor of iteration {@code t} (from 1): 1 while {@code t − 1 < 2T/3}, then
   * {@code (T − t + 1) / (T/3)}, which reaches {@code 1/(T/3)} at the last iteration (the authors' step schedule,
   * applied per iteration); 1 without annealing.
   */
  public double learningRateFactor(int t) {
    double decreaseFrom = iterations() * 2.0 / 3;
    double decreasing = iterations() - decreaseFrom;
    return !annealLearningRate || t - 1 < decreaseFrom ? 1 : (iterations() - t + 1) / decreasing;
  }

  /**
   * Checkpointing.
   *
   * @param checkpointEvery save a checkpoint every this many iterations (and at the end)
   * @param keepCheckpoints keep the newest this many checkpoints
   * @param evalEpisodes evaluation episodes at the end of a run; 0, since the run trains no policy of its own
   */
  public record Run(int checkpointEvery, int keepCheckpoints, int evalEpisodes) implements TrainerBase.RunSettings {
    /** Defaults: a checkpoint every 10 iterations, the newest 3 kept. */
    public static final Run DEFAULTS = new Run(10, 3, 0);

    /** Range checks, naming the key. */
    public Run {
      positive("run.checkpointEvery", checkpointEvery);
      positive("run.keepCheckpoints", keepCheckpoints);
      nonNegative("run.evalEpisodes", evalEpisodes);
    }
  }
}
