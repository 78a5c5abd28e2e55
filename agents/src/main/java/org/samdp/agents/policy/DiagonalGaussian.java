package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.samdp.bounds.Scalars;

/**
 * Diagonal Gaussians {@code N(μ_b, diag(σ²))} with per-observation means and one shared log σ.
 *
 * @param mean {@code [B, n]}
 * @param logStd {@code [n]}
 */
public record DiagonalGaussian(NDArray mean, NDArray logStd) implements ActionDistribution {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  @Override
  public NDArray logProb(NDArray actions) {
    NDArray z = actions.sub(mean).div(logStd.exp());
    return Scalars.mul(z.square(), -0.5).sub(logStd).sub(LOG_SQRT_2PI).sum(new int[] {1});
  }

  @Override
  public NDArray entropy() {
    long batch = mean.getShape().get(0);
    return logStd.add(0.5 + LOG_SQRT_2PI).sum().broadcast(new Shape(batch));
  }

  /** With equal σ on both sides the KL is {@code ½ Σ_i (μ_i − μ'_i)² / σ'_i²} plus the σ terms (eq. 6.5). */
  @Override
  public NDArray kl(ActionDistribution other) {
    if (!(other instanceof DiagonalGaussian o)) {
      throw new IllegalArgumentException("KL between a Gaussian and a " + other.getClass().getSimpleName());
    }
    NDArray varianceRatio = Scalars.mul(logStd.sub(o.logStd), 2).exp();
    NDArray meanTerm = mean.sub(o.mean).div(o.logStd.exp()).square();
    return Scalars.mul(meanTerm.add(varianceRatio).sub(1), 0.5).add(o.logStd.sub(logStd)).sum(new int[] {1});
  }

  @Override
  public NDArray sample(RandomGenerator random) {
    Shape shape = mean.getShape();
    float[] noise = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    NDArray standard = mean.getManager().create(noise, shape).toType(mean.getDataType(), false);
    return mean.add(standard.mul(logStd.exp()));
  }

  @Override
  public NDArray mode() {
    return mean;
  }
}
