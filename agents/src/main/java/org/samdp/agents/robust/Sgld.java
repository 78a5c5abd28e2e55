package org.samdp.agents.robust;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Stochastic gradient Langevin dynamics for {@code max_{ŝ ∈ B∞(s, ε)} f(ŝ)}, batched, as SA-PPO uses it
 * (§6.3.1.1): from {@code ŝ_0 = s}, each of K steps moves every coordinate by {@code ±ε/K} in the sign of
 * {@code ∇f(ŝ_k) + ξ·sqrt(2·η·β)} (ξ standard normal, η = ε/K, β the temperature) and projects back into the ball.
 * The noise breaks the tie at {@code ŝ = s}, where the gradient of a divergence is exactly zero.
 *
 * <p>Each step opens and closes its own GradientCollector; call it before the loss's collector opens (DJL allows one
 * at a time). The objective must not propagate gradients into parameters that an optimiser will read (use
 * {@link org.samdp.agents.policy.Policy#detached()}).
 */
public final class Sgld {
  private Sgld() {}

  /**
   * The perturbed inputs found, inside the ball, without gradient history.
   *
   * @param objective per-sample values {@code [B]} of the inputs {@code [B, ...]}, to maximise
   * @param states the centres {@code s}
   * @param eps the ℓ∞ radius ε, {@code >= 0}
   * @param steps K
   * @param temperature β (0 gives plain sign-gradient ascent, which cannot leave {@code ŝ = s} for a divergence)
   * @param random source of the noise
   */
  public static NDArray maximize(UnaryOperator<NDArray> objective, NDArray states, double eps, int steps,
      double temperature, RandomGenerator random) {
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("perturbation radius eps must be >= 0, got " + eps);
    }
    if (steps <= 0) {
      throw new IllegalArgumentException("SGLD needs at least one step, got " + steps);
    }
    if (eps == 0) {
      return states.duplicate();
    }
    double step = eps / steps;
    double noiseStd = Math.sqrt(2 * step * temperature);
    NDArray lower = states.sub(eps);
    NDArray upper = states.add(eps);
    NDArray perturbed = states.duplicate();
    for (int k = 0; k < steps; k++) {
      perturbed.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(objective.apply(perturbed).sum());
      }
      NDArray direction = perturbed.getGradient().add(noise(states.getShape(), noiseStd, random, states)).sign();
      perturbed = perturbed.stopGradient().add(direction.mul(step)).maximum(lower).minimum(upper);
    }
    return perturbed;
  }

  private static NDArray noise(Shape shape, double std, RandomGenerator random, NDArray like) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (std * random.nextGaussian());
    }
    return like.getManager().create(values, shape).toType(like.getDataType(), false);
  }
}
