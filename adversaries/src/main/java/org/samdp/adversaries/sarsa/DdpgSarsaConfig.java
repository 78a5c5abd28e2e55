package org.samdp.adversaries.sarsa;

import static org.samdp.agents.config.Checks.positive;
import static org.samdp.agents.config.Checks.unit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.run.TrainerBase;

/**
 * Learning the Robust Sarsa critic of a fixed deterministic actor in the SA-DDPG authors' code's form: phase 1 runs
 * the victim plus Ornstein-Uhlenbeck noise for {@code sampleSteps} steps into a uniform replay buffer without
 * updates; phase 2 takes {@code updates} minibatch updates of a freshly initialised critic of the victim's critic
 * architecture. Defaults are the authors': 1e5 samples, 3e4 updates, soft target mix 0.01, the action ball's final
 * radius 0.3 action stds ramped in over updates 1e4 to 2e4, regulariser weight 0.1.
 *
 * <p>The run's "steps" (what {@link #totalSteps} counts and each iteration advances by {@code stepsPerIteration}) are
 * environment steps while sampling, then updates; both phase lengths are whole iterations, so every iteration is
 * either sampling or updating.
 *
 * @param env environment id
 * @param seed seed of the critic's initialisation, the envs, the noise and the minibatches
 * @param sampleSteps phase 1: environment steps of the victim plus noise into the buffer (1e5; it holds them all)
 * @param updates phase 2: minibatch updates (3e4)
 * @param stepsPerIteration environment steps or updates per iteration, one metrics row (1000)
 * @param ddpg the victim's DDPG settings: the critic's architecture ({@code criticHidden}), its learning rate and
 *     Adam ε, γ, the batch size, the noise process and whether a time limit is terminal
 * @param tau soft target mix per update (0.01)
 * @param eps the action ball's final radius p, in action stds (0.3)
 * @param reg the regulariser's weight (0.1); 0 turns it off (plain Sarsa)
 * @param rampStart the update after which p and the CROWN weight start to move (1e4)
 * @param rampLength updates over which p rises from 0 to {@code eps} and the CROWN weight falls from 1 to 0 (1e4)
 * @param actionStd the per-dimension action std that scales the ball; empty for the authors' constants (Hopper,
 *     Walker2d, Reacher, InvertedPendulum, Ant; their code's statistics), else ones
 * @param run checkpointing
 */
public record DdpgSarsaConfig(String env, long seed, long sampleSteps, long updates, int stepsPerIteration,
    DdpgConfig.Ddpg ddpg, double tau, double eps, double reg, long rampStart, long rampLength, List<Double> actionStd,
    RobustSarsaConfig.Run run) implements TrainerBase.Config {

  /** The authors' per-dimension action stds (from their code's per-env statistics), by env name. */
  private static final Map<String, double[]> ACTION_STD = Map.of(
      "Hopper", new double[] {0.60057, 0.70842, 0.79983},
      "Walker2d", new double[] {0.76553, 0.82068, 0.77841, 0.80504, 0.8253, 0.91188},
      "Reacher", new double[] {0.09547, 0.09637},
      "InvertedPendulum", new double[] {0.09897},
      "Ant", new double[] {0.53092, 0.40504, 0.40731, 0.48511, 0.60245, 0.32261, 0.50005, 0.38546});

  /** Range checks, naming the key. */
  public DdpgSarsaConfig {
    TrainerBase.Config.check(env, seed, sampleSteps + updates, "Hopper-v4");
    positive("sampleSteps", sampleSteps);
    positive("updates", updates);
    positive("stepsPerIteration", stepsPerIteration);
    if (sampleSteps % stepsPerIteration != 0 || updates % stepsPerIteration != 0) {
      throw new IllegalArgumentException("sampleSteps (" + sampleSteps + ") and updates (" + updates
          + ") must be multiples of stepsPerIteration (" + stepsPerIteration + ")");
    }
    if (sampleSteps > Integer.MAX_VALUE || sampleSteps < ddpg.batchSize()) {
      throw new IllegalArgumentException("sampleSteps must be at least ddpg.batchSize (" + ddpg.batchSize()
          + ") and fit a replay buffer, got " + sampleSteps);
    }
    unit("tau", tau);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be >= 0 (the action ball's radius in action stds), got " + eps);
    }
    if (!(reg >= 0) || Double.isInfinite(reg)) {
      throw new IllegalArgumentException("reg must be >= 0, got " + reg);
    }
    if (rampStart < 0) {
      throw new IllegalArgumentException("rampStart must be >= 0, got " + rampStart);
    }
    positive("rampLength", rampLength);
    actionStd = actionStd == null ? List.of() : List.copyOf(actionStd);
    if (actionStd.stream().anyMatch(s -> !(s >= 0) || Double.isInfinite(s))) {
      throw new IllegalArgumentException("actionStd must hold finite values >= 0, got " + actionStd);
    }
    if (run == null) {
      throw new IllegalArgumentException("run must be given");
    }
  }

  /** The authors' DDPG-form Robust Sarsa on {@code env} against a victim trained with {@code ddpg}. */
  public static DdpgSarsaConfig defaults(String env, DdpgConfig.Ddpg ddpg) {
    return new DdpgSarsaConfig(env, 1, 100_000, 30_000, 1000, ddpg, 0.01, 0.3, 0.1, 10_000, 10_000, List.of(),
        RobustSarsaConfig.Run.DEFAULTS);
  }

  // Derived values, all here.

  @Override
  public String algorithm() {
    return "robust-sarsa-ddpg";
  }

  /** Sampling steps, then updates. */
  @Override
  public long totalSteps() {
    return sampleSteps + updates;
  }

  /** The regulariser's weight as the run plumbing reads it: {@link #reg()}. */
  @Override
  public TrainerBase.Regularizer robust() {
    return this::reg;
  }

  /** The iterations of phase 1, which sample and do not update. */
  public int samplingIterations() {
    return Math.toIntExact(sampleSteps / stepsPerIteration);
  }

  /**
   * How far the ramp has got before update {@code update} (from 0, counted after sampling), in [0, 1]: 0 up to
   * {@link #rampStart}, then rising linearly to 1 over {@link #rampLength} updates.
   */
  public double rampProgress(long update) {
    return Math.max(0, Math.min(1, (double) (update - rampStart) / rampLength));
  }

  /** The action ball's radius p (in action stds) at update {@code update}: {@link #eps} times the ramp's progress. */
  public double actionEpsilon(long update) {
    return eps * rampProgress(update);
  }

  /**
   * The CROWN weight at update {@code update} in the bound engine's convention
   * ({@link org.samdp.bounds.BoundedNetwork#mixed}): from 1 (pure CROWN-IBP) down to 0 (pure IBP) along the ramp.
   */
  public double crownIbpWeight(long update) {
    return 1 - rampProgress(update);
  }

  /**
   * The action std that scales the ball: {@code actionStd} if given, else the authors' constants for this env, else
   * ones (envs whose actions lie in ±1).
   *
   * @throws IllegalArgumentException if {@code actionStd} has another length than the actions
   */
  public double[] actionScale(int actionSize) {
    if (!actionStd.isEmpty()) {
      if (actionStd.size() != actionSize) {
        throw new IllegalArgumentException("actionStd has " + actionStd.size() + " values but " + env + " has "
            + actionSize + " action dimensions");
      }
      return actionStd.stream().mapToDouble(Double::doubleValue).toArray();
    }
    double[] known = ACTION_STD.get(DdpgConfig.authorsFamily(env));
    if (known != null && known.length == actionSize) {
      return known.clone();
    }
    double[] ones = new double[actionSize];
    Arrays.fill(ones, 1);
    return ones;
  }
}
