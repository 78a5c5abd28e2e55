package org.samdp.agents.robust;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Projected gradient ascent for {@code max_{ŝ ∈ B∞(s, ε) ∩ [low, high]} f(ŝ)}, batched, as SA-DQN and its evaluation
 * attack use it (§6.3.1.3, Madry et al. 2018): from a uniformly random start inside the ball (or from {@code s}),
 * each of K steps moves every coordinate by {@code ε/K} in the sign of {@code ∇f} and projects back onto the ball and
 * the valid range (pixels stay in [0, 1]).
 *
 * <p>Each step opens and closes its own GradientCollector; call it before the loss's collector opens (DJL allows one
 * at a time). The objective must not propagate gradients into parameters that an optimiser will read (use
 * {@link org.samdp.agents.policy.Policy#detached()}).
 *
 * @param steps K, at least 1
 * @param randomStart start from a uniform point of the ball rather than from {@code s}
 */
public record Pgd(int steps, boolean randomStart) {

  /** Checks the step count. */
  public Pgd {
    if (steps <= 0) {
      throw new IllegalArgumentException("PGD needs at least one step, got " + steps);
    }
  }

  /**
   * The perturbed inputs found, inside the ball and the range, without gradient history.
   *
   * @param objective per-sample values {@code [B]} of the inputs {@code [B, ...]}, to maximise
   * @param states the centres {@code s}, inside {@code [low, high]}
   * @param eps the ℓ∞ radius ε, {@code >= 0}
   * @param low smallest valid input value ({@code -infinity} for none)
   * @param high largest valid input value ({@code +infinity} for none)
   * @param random source of the random start
   */
  public NDArray maximize(UnaryOperator<NDArray> objective, NDArray states, double eps, double low, double high,
      RandomGenerator random) {
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("perturbation radius eps must be >= 0, got " + eps);
    }
    if (eps == 0) {
      return states.duplicate();
    }
    double step = eps / steps;
    NDArray lower = states.sub(eps).maximum(low);
    NDArray upper = states.add(eps).minimum(high);
    NDArray perturbed = randomStart
        ? states.add(uniform(states.getShape(), eps, random, states)).maximum(lower).minimum(upper)
        : states.duplicate();
    for (int k = 0; k < steps; k++) {
      perturbed.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(objective.apply(perturbed).sum());
      }
      NDArray direction = perturbed.getGradient().sign();
      perturbed = perturbed.stopGradient().add(direction.mul(step)).maximum(lower).minimum(upper);
    }
    return perturbed;
  }

  /** Uniform noise in {@code [−eps, eps]}, drawn in Java so that a saved generator replays it. */
  private static NDArray uniform(Shape shape, double eps, RandomGenerator random, NDArray like) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * eps);
    }
    return like.getManager().create(values, shape).toType(like.getDataType(), false);
  }
}
