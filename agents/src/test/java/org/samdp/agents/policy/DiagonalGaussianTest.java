package org.samdp.agents.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.bounds.Scalars;

/** The Java arithmetic of sampling and rollout log-probabilities gives the engine's floats bit for bit. */
class DiagonalGaussianTest {

  private static float[] gaussians(SplitMix64 random, int n, double scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return values;
  }

  @Test
  void samplesAndLogProbabilitiesAreTheEnginesBitForBit() {
    SplitMix64 random = new SplitMix64(7);
    for (int actions : new int[] {1, 3, 6, 17}) {
      for (int batch : new int[] {1, 5, 64}) {
        try (NDManager manager = NDManager.newBaseManager()) {
          NDArray mean = manager.create(gaussians(random, batch * actions, 2), new Shape(batch, actions));
          NDArray logStd = manager.create(gaussians(random, actions, 1));
          DiagonalGaussian gaussian = new DiagonalGaussian(mean, logStd);
          long seed = random.nextLong();

          NDArray sampled = gaussian.sample(new SplitMix64(seed));
          // The engine's sample: μ + ε·exp(log σ) on the same draws.
          NDArray noise = manager.create(gaussians(new SplitMix64(seed), batch * actions, 1), mean.getShape());
          assertArrayEquals(mean.add(noise.mul(logStd.exp())).toFloatArray(), sampled.toFloatArray());

          assertArrayEquals(engineLogProb(gaussian, sampled), gaussian.logProbValues(sampled));
          NDArray other = manager.create(gaussians(random, batch * actions, 3), mean.getShape());
          assertArrayEquals(engineLogProb(gaussian, other), gaussian.logProbValues(other));
        }
      }
    }
  }

  /** log N(a; μ, σ²) entry by entry in the engine, as before the Java path, summed over action dimensions. */
  private static float[] engineLogProb(DiagonalGaussian gaussian, NDArray actions) {
    NDArray z = actions.sub(gaussian.mean()).div(gaussian.logStd().exp());
    return Scalars.mul(z.square(), -0.5).sub(gaussian.logStd()).sub(0.5 * Math.log(2 * Math.PI))
        .sum(new int[] {1}).toFloatArray();
  }
}
