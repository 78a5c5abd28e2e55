package org.samdp.agents.ddpg;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * DDPG's exploration noise, the Ornstein-Uhlenbeck process discretised with step dt:
 * {@code x ← x + θ·(μ − x)·dt + σ·sqrt(dt)·N(0, 1)} per action dimension, with μ = 0 and x = 0 after each reset (the
 * trainer resets it when an episode ends). Its stationary std is {@code σ / sqrt(2θ)} (about 0.37 at the defaults).
 */
public final class OrnsteinUhlenbeck {
  private final double theta;
  private final double sigma;
  private final double dt;
  private final double[] x;

  /**
   * A process at 0.
   *
   * @param size action dimensions
   */
  public OrnsteinUhlenbeck(int size, double theta, double sigma, double dt) {
    if (size <= 0 || !(theta >= 0) || !(sigma >= 0) || !(dt > 0)) {
      throw new IllegalArgumentException("Ornstein-Uhlenbeck needs size > 0, theta >= 0, sigma >= 0, dt > 0; got "
          + size + ", " + theta + ", " + sigma + ", " + dt);
    }
    this.theta = theta;
    this.sigma = sigma;
    this.dt = dt;
    this.x = new double[size];
  }

  /** Advances the process one step with standard normal draws from {@code random} and returns the new value. */
  public double[] sample(RandomGenerator random) {
    for (int i = 0; i < x.length; i++) {
      x[i] += theta * (0 - x[i]) * dt + sigma * Math.sqrt(dt) * random.nextGaussian();
    }
    return x.clone();
  }

  /** Back to 0 (at the end of an episode). */
  public void reset() {
    Arrays.fill(x, 0);
  }

  /** The current value, for checkpoints. */
  public double[] state() {
    return x.clone();
  }

  /**
   * Continues from a saved value.
   *
   * @throws IllegalArgumentException if its size differs
   */
  public void restore(double[] state) {
    if (state == null || state.length != x.length) {
      throw new IllegalArgumentException("saved noise has " + (state == null ? 0 : state.length) + " values, expected "
          + x.length);
    }
    System.arraycopy(state, 0, x, 0, x.length);
  }
}
