package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * A batch of action distributions, one per observation; every method is differentiable with respect to the policy's
 * parameters under a GradientCollector (except sampling). Arrays live in the manager of the observations.
 */
public interface ActionDistribution {

  /** Log-probabilities (densities for continuous actions) of the actions, {@code [B]}. */
  NDArray logProb(NDArray actions);

  /** {@link #logProb} as plain values, for rollouts (no gradients); kinds may compute them with fewer engine calls. */
  default float[] logProbValues(NDArray actions) {
    return logProb(actions).toFloatArray();
  }

  /** Entropy per distribution, {@code [B]}. */
  NDArray entropy();

  /**
   * {@code KL(this || other)} per observation, {@code [B]}.
   *
   * @throws IllegalArgumentException if {@code other} is a different kind of distribution
   */
  NDArray kl(ActionDistribution other);

  /** One action per distribution, drawn with {@code random} (so a saved generator state replays the draws). */
  NDArray sample(RandomGenerator random);

  /** The most likely action per distribution: the mean, or the arg-max index. */
  NDArray mode();
}
