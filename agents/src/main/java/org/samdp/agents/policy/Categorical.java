package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.random.RandomGenerator;

/**
 * Categorical distributions given by logits.
 *
 * @param logits {@code [B, k]}
 */
public record Categorical(NDArray logits) implements ActionDistribution {

  /** Log-probabilities {@code [B, k]}. */
  public NDArray logProbabilities() {
    return logits.logSoftmax(1);
  }

  /** @param actions indices {@code [B]} (any integer or float type) */
  @Override
  public NDArray logProb(NDArray actions) {
    NDArray index = actions.toType(DataType.INT64, false).reshape(-1, 1);
    return logProbabilities().gather(index, 1).reshape(-1);
  }

  @Override
  public NDArray entropy() {
    NDArray logP = logProbabilities();
    return logP.exp().mul(logP).sum(new int[] {1}).neg();
  }

  @Override
  public NDArray kl(ActionDistribution other) {
    if (!(other instanceof Categorical o)) {
      throw new IllegalArgumentException("KL between a categorical and a " + other.getClass().getSimpleName());
    }
    NDArray logP = logProbabilities();
    return logP.exp().mul(logP.sub(o.logProbabilities())).sum(new int[] {1});
  }

  /** Inverse-CDF draws from the probabilities, one uniform number per row. */
  @Override
  public NDArray sample(RandomGenerator random) {
    int rows = Math.toIntExact(logits.getShape().get(0));
    int k = Math.toIntExact(logits.getShape().get(1));
    float[] probabilities = logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
    long[] actions = new long[rows];
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble();
      int chosen = k - 1;
      double cumulative = 0;
      for (int a = 0; a < k; a++) {
        cumulative += probabilities[r * k + a];
        if (u < cumulative) {
          chosen = a;
          break;
        }
      }
      actions[r] = chosen;
    }
    return logits.getManager().create(actions);
  }

  @Override
  public NDArray mode() {
    return logits.argMax(1);
  }
}
