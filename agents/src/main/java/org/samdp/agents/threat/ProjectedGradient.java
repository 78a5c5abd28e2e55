package org.samdp.agents.threat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.samdp.bounds.perturbation.Norm;

/**
 * Projected sign-gradient ascent for {@code max_{ŝ ∈ B(s)} f(ŝ)}, batched: the one solver of every inner
 * maximisation and gradient attack. From {@code ŝ_0 = s} (or, with {@code randomStart}, a uniform point of the ℓ∞ box
 * around s, as SA-DQN's PGD starts, Madry et al. 2018), each of K steps moves every coordinate by η (times its radius
 * scale, {@link ThreatModel#stretch}) in the sign of {@code ∇f(ŝ_k) + ξ·sqrt(2·η·β)} (ξ standard normal, β the
 * temperature) and projects back into B(s).
 *
 * <ul>
 *   <li>β = 0, no random start: the critic and PGD attacks (Algorithm 6.9, eq. 6.15).
 *   <li>β > 0: stochastic gradient Langevin dynamics, SA-PPO's solver and the MAD attack (§6.3.1.1, Algorithm
 *       6.11); the noise breaks the tie at {@code ŝ = s}, where the gradient of a divergence is exactly zero.
 *   <li>random start: SA-DQN's PGD (§6.3.1.3).
 *   <li>{@link Noise#DECAYING}: SA-DDPG's SGLD as the authors' code runs it, noise {@code ξ·sqrt(2·η)·β/(k + 2)} at
 *       step k (as the SA-PPO authors' code).
 *   <li>{@link Noise#DECAYING_LANGEVIN} from {@link #noiseSignStep}: SA-PPO's SGLD as the authors' code runs it, a
 *       first move {@code η·sign(ξ)} and then noise {@code ξ·sqrt(2·η·β)/(k + 2)} at step k.
 * </ul>
 *
 * <p>Each step opens and closes its own GradientCollector; call it before the loss's collector opens (DJL allows one
 * at a time). The objective must not propagate gradients into parameters that an optimiser will read (use
 * {@link org.samdp.agents.policy.Policy#detached()}). All random draws come from the generator given, in Java, so a
 * saved generator replays them.
 *
 * @param steps K, at least 1
 * @param stepSize η per step and coordinate; null for ε/K
 * @param randomStart start from a uniform point of the box around s rather than from s
 * @param temperature β, {@code >= 0}; noise is drawn only when positive
 * @param noise how the noise's scale follows from η, β and the step
 */
public record ProjectedGradient(int steps, Double stepSize, boolean randomStart, double temperature, Noise noise) {

  /** The scale of the Gaussian noise added to the gradient at step k (from 0). */
  public enum Noise {
    /** {@code sqrt(2·η·β)} at every step (Langevin dynamics at temperature β, as §6.3.1.1 writes it). */
    CONSTANT,
    /** {@code sqrt(2·η)·β/(k + 2)}, decaying over the steps (the SA-DDPG authors' code). */
    DECAYING,
    /** {@code sqrt(2·η·β)/(k + 2)}, the Langevin scale decaying over the steps (the SA-PPO authors' code). */
    DECAYING_LANGEVIN
  }

  /** A solver with {@link Noise#CONSTANT} noise. */
  public ProjectedGradient(int steps, Double stepSize, boolean randomStart, double temperature) {
    this(steps, stepSize, randomStart, temperature, Noise.CONSTANT);
  }

  /** Range checks. */
  public ProjectedGradient {
    if (noise == null) {
      throw new IllegalArgumentException("noise must be CONSTANT, DECAYING or DECAYING_LANGEVIN");
    }
    if (steps <= 0) {
      throw new IllegalArgumentException("projected gradient needs at least one step, got " + steps);
    }
    if (stepSize != null && !(stepSize > 0)) {
      throw new IllegalArgumentException("step size must be positive (or left out for eps/steps), got " + stepSize);
    }
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
  }

  /**
   * The perturbed inputs found, inside B(s), without gradient history, in the manager of {@code states}.
   *
   * @param objective per-sample values {@code [B]} of the inputs {@code [B, ...]}, to maximise
   * @param states the centres {@code s}, inside the threat model's valid range
   * @param random source of the random start and the noise
   */
  public NDArray maximize(UnaryOperator<NDArray> objective, NDArray states, ThreatModel threat,
      RandomGenerator random) {
    double eps = threat.eps();
    if (eps == 0) {
      return states.duplicate();
    }
    NDArray lower = threat.lower(states);
    NDArray upper = threat.upper(states);
    NDArray start = randomStart
        ? project(states.add(threat.stretch(uniform(states.getShape(), eps, random, states))), states, threat, lower,
            upper)
        : states.duplicate();
    return ascend(objective, states, start, threat, lower, upper, random);
  }

  /**
   * As {@link #maximize(UnaryOperator, NDArray, ThreatModel, RandomGenerator)}, but from a start the caller chose
   * (projected into B(s) first) instead of s or this solver's random start; for attacks whose random start is not the
   * whole box (the papers' RS attack starts within ±η).
   *
   * @param start the first iterate {@code ŝ_0}, shaped like {@code states}
   */
  public NDArray maximize(UnaryOperator<NDArray> objective, NDArray states, NDArray start, ThreatModel threat,
      RandomGenerator random) {
    if (threat.eps() == 0) {
      return states.duplicate();
    }
    NDArray lower = threat.lower(states);
    NDArray upper = threat.upper(states);
    return ascend(objective, states, project(start.stopGradient(), states, threat, lower, upper), threat, lower,
        upper, random);
  }

  /**
   * A start for {@link #maximize(UnaryOperator, NDArray, NDArray, ThreatModel, RandomGenerator)}: s moved by η (ε/K
   * unless a step size is set) in a random sign per coordinate, the SA-PPO authors' first SGLD move (the sign of
   * Gaussian noise, which is all that decides the first step from s, where the gradient of a divergence is zero).
   */
  public NDArray noiseSignStep(NDArray states, ThreatModel threat, RandomGenerator random) {
    double eta = stepSize == null ? threat.eps() / steps : stepSize;
    return states.add(threat.stretch(gaussian(states.getShape(), 1, random, states).sign().mul(eta)));
  }

  /** K projected sign-gradient steps from {@code perturbed}, inside B(s). */
  private NDArray ascend(UnaryOperator<NDArray> objective, NDArray states, NDArray perturbed, ThreatModel threat,
      NDArray lower, NDArray upper, RandomGenerator random) {
    double eta = stepSize == null ? threat.eps() / steps : stepSize;
    for (int k = 0; k < steps; k++) {
      double noiseStd = switch (noise) {
        case CONSTANT -> Math.sqrt(2 * eta * temperature);
        case DECAYING -> Math.sqrt(2 * eta) * temperature / (k + 2);
        case DECAYING_LANGEVIN -> Math.sqrt(2 * eta * temperature) / (k + 2);
      };
      perturbed.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(objective.apply(perturbed).sum());
      }
      NDArray gradient = perturbed.getGradient();
      NDArray direction = (temperature > 0 ? gradient.add(gaussian(states.getShape(), noiseStd, random, states))
          : gradient).sign();
      perturbed = project(perturbed.stopGradient().add(threat.stretch(direction.mul(eta))), states, threat, lower,
          upper);
    }
    return perturbed;
  }

  /** ℓ∞ by the box alone (the exact projection); other norms through the threat model. */
  private static NDArray project(NDArray candidates, NDArray states, ThreatModel threat, NDArray lower,
      NDArray upper) {
    return threat.norm() == Norm.INF ? candidates.maximum(lower).minimum(upper) : threat.project(candidates, states);
  }

  private static NDArray uniform(Shape shape, double eps, RandomGenerator random, NDArray like) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * eps);
    }
    return like.getManager().create(values, shape).toType(like.getDataType(), false);
  }

  private static NDArray gaussian(Shape shape, double std, RandomGenerator random, NDArray like) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (std * random.nextGaussian());
    }
    return like.getManager().create(values, shape).toType(like.getDataType(), false);
  }
}
