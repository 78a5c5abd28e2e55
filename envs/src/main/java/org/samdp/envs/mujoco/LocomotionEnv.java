package org.samdp.envs.mujoco;

import java.util.Map;
import java.util.function.ToIntFunction;
import org.samdp.envs.Step;

/**
 * The shared step of the locomotion envs (Hopper, Walker2d, HalfCheetah, Ant, Humanoid): track a position across the
 * simulation, reward its finite-difference velocity, add the healthy bonus, subtract the costs, and terminate when the
 * robot is unhealthy. Subclasses say what is tracked, what is observed, what healthy means and what info holds.
 *
 * <p>The reward is {@code (forward + healthy) − (ctrlCost + contactCost)}, summed in this order as Gymnasium does,
 * so that rewards agree to the last bit.
 */
abstract class LocomotionEnv extends MuJoCoEnv {
  /** Gymnasium version of the env semantics: 4 or 5. */
  protected final int version;
  protected final double forwardRewardWeight;
  protected final double ctrlCostWeight;
  protected final double healthyRewardWeight;
  protected final boolean terminateWhenUnhealthy;
  protected final double resetNoiseScale;

  /** The reward terms of one step, costs as positive numbers. */
  protected record Terms(double forward, double healthy, double ctrlCost, double contactCost) {
    double reward() {
      return (forward + healthy) - (ctrlCost + contactCost);
    }
  }

  /** The defaults of one env family; kwargs of the same names override them. */
  protected record Weights(double forward, double ctrlCost, double healthyReward, boolean terminateWhenUnhealthy,
      double resetNoiseScale) {}

  protected LocomotionEnv(String modelResource, int frameSkip, ToIntFunction<MjModel> observationSize, int version,
      Weights weights) {
    super(modelResource, frameSkip, observationSize);
    if (version != 4 && version != 5) {
      throw new IllegalArgumentException("version must be 4 or 5, got " + version);
    }
    this.version = version;
    this.forwardRewardWeight = weights.forward();
    this.ctrlCostWeight = weights.ctrlCost();
    this.healthyRewardWeight = weights.healthyReward();
    this.terminateWhenUnhealthy = weights.terminateWhenUnhealthy();
    this.resetNoiseScale = weights.resetNoiseScale();
  }

  @Override
  protected double[] resetModel() {
    setState(uniformNoise(initQpos, resetNoiseScale), velocityNoise());
    return observation();
  }

  /** Reset noise on the velocities: uniform for most envs (HalfCheetah and Ant draw normals). */
  protected double[] velocityNoise() {
    return uniformNoise(initQvel, resetNoiseScale);
  }

  /** The position whose finite difference over {@code dt} is the velocity ({@code x}, or {@code x, y}); a copy. */
  protected abstract double[] trackedPosition();

  /** Whether the robot is healthy now; envs without a health rule are always healthy. */
  protected boolean isHealthy() {
    return true;
  }

  /** {@code ctrl_cost_weight · Σ action²}. */
  protected double ctrlCost(double[] action) {
    return ctrlCostWeight * NumpySums.sumOfSquares(action);
  }

  /** The contact cost of the current state (0 unless the env has one). */
  protected double contactCost() {
    return 0.0;
  }

  /** The info of a step, given the tracked position after it, its velocity and the reward terms. */
  protected abstract Map<String, Object> stepInfo(double[] position, double[] velocity, Terms terms);

  @Override
  protected final Step<double[]> stepModel(double[] action) {
    double[] before = trackedPosition();
    doSimulation(action);
    double[] after = trackedPosition();
    double[] velocity = new double[after.length];
    for (int i = 0; i < after.length; i++) {
      velocity[i] = (after[i] - before[i]) / dt();
    }
    double[] obs = observation();
    boolean healthy = isHealthy();
    Terms terms = new Terms(forwardRewardWeight * velocity[0], healthyReward(healthy), ctrlCost(action),
        contactCost());
    boolean terminated = terminateWhenUnhealthy && !healthy;
    return new Step<>(obs, terms.reward(), terminated, false, stepInfo(after, velocity, terms));
  }

  /**
   * v4 pays the bonus whenever the env terminates on unhealthiness (so also on the terminating step); v5 pays it only
   * while healthy (facts sheet A.0).
   */
  private double healthyReward(boolean healthy) {
    boolean paid = version == 4 ? healthy || terminateWhenUnhealthy : healthy;
    return paid ? healthyRewardWeight : 0.0;
  }

  /**
   * {@code qpos[skip:]} followed by {@code qvel} clipped to {@code ±velocityClip} (infinity for none), with
   * {@code extra} free entries at the end for the caller to fill.
   */
  protected final double[] positionsAndVelocities(int skip, double velocityClip, int extra) {
    int nq = model.nq();
    int nv = model.nv();
    double[] obs = new double[nq - skip + nv + extra];
    data.qpos.get(skip, obs, 0, nq - skip);
    for (int i = 0; i < nv; i++) {
      obs[nq - skip + i] = Math.max(-velocityClip, Math.min(velocityClip, data.qvel.get(i)));
    }
    return obs;
  }
}
