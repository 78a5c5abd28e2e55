package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.samdp.bounds.Scalars;

/**
 * Diagonal Gaussians {@code N(μ_b, diag(σ²))} with per-observation means and one shared log σ.
 *
 * <p>Sampling and {@link #logProbValues} do their elementwise float arithmetic in Java (one rollout step would
 * otherwise cost a dozen engine calls): each float operation is IEEE-rounded as the engine's elementwise kernels round
 * it, in the same order, and σ and the sum over action dimensions come from the engine, so the values are the
 * engine's bit for bit.
 */
public final class DiagonalGaussian implements ActionDistribution {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final NDArray mean;
  private final NDArray logStd;
  /** The last sample and its values, row-major (float32 distributions only). */
  private NDArray sampled;
  private float[] sampledValues;
  /** μ and σ read once for the Java arithmetic. */
  private float[] meanValues;
  private float[] stdValues;

  /**
   * @param mean {@code [B, n]}
   * @param logStd {@code [n]}
   */
  public DiagonalGaussian(NDArray mean, NDArray logStd) {
    this.mean = mean;
    this.logStd = logStd;
  }

  /** μ, {@code [B, n]}. */
  public NDArray mean() {
    return mean;
  }

  /** log σ, {@code [n]}. */
  public NDArray logStd() {
    return logStd;
  }

  @Override
  public NDArray logProb(NDArray actions) {
    NDArray z = actions.sub(mean).div(logStd.exp());
    return z.square().mul(Scalars.constant(logStd, -0.5)).sub(logStd).sub(Scalars.constant(logStd, LOG_SQRT_2PI))
        .sum(new int[] {1});
  }

  /**
   * {@link #logProb} for a float32 distribution: {@code ((−0.5·z²) − log σ) − log√(2π)} per entry with
   * {@code z = (a − μ)/σ}, in Java floats, summed over the action dimensions by the engine.
   */
  @Override
  public float[] logProbValues(NDArray actions) {
    if (!isFloat32()) {
      return logProb(actions).toFloatArray();
    }
    float[] a = actions == sampled ? sampledValues : actions.toFloatArray();
    float[] mu = meanValues();
    float[] sigma = stdValues();
    float[] logSigma = logStd.toFloatArray();
    float halfNegative = -0.5f;
    float logSqrt2Pi = (float) LOG_SQRT_2PI;
    float[] terms = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      int j = i % sigma.length;
      float z = (a[i] - mu[i]) / sigma[j];
      terms[i] = z * z * halfNegative - logSigma[j] - logSqrt2Pi;
    }
    try (NDArray entries = mean.getManager().create(terms, mean.getShape());
        NDArray sums = entries.sum(new int[] {1})) {
      return sums.toFloatArray();
    }
  }

  @Override
  public NDArray entropy() {
    long batch = mean.getShape().get(0);
    return logStd.add(Scalars.constant(logStd, 0.5 + LOG_SQRT_2PI)).sum().broadcast(new Shape(batch));
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

  /** {@code μ + ε·σ} with {@code ε} standard normal, one draw per entry in row-major order. */
  @Override
  public NDArray sample(RandomGenerator random) {
    Shape shape = mean.getShape();
    float[] noise = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    if (!isFloat32()) {
      NDArray standard = mean.getManager().create(noise, shape).toType(mean.getDataType(), false);
      return mean.add(standard.mul(logStd.exp()));
    }
    float[] mu = meanValues();
    float[] sigma = stdValues();
    float[] actions = new float[noise.length];
    for (int i = 0; i < noise.length; i++) {
      actions[i] = mu[i] + noise[i] * sigma[i % sigma.length];
    }
    sampled = mean.getManager().create(actions, shape);
    sampledValues = actions;
    return sampled;
  }

  @Override
  public NDArray mode() {
    return mean;
  }

  /** The Java path's type (log σ, a long-lived parameter, answers without an engine call once asked). */
  private boolean isFloat32() {
    return logStd.getDataType() == DataType.FLOAT32;
  }

  private float[] meanValues() {
    if (meanValues == null) {
      meanValues = mean.toFloatArray();
    }
    return meanValues;
  }

  private float[] stdValues() {
    if (stdValues == null) {
      try (NDArray std = logStd.exp()) {
        stdValues = std.toFloatArray();
      }
    }
    return stdValues;
  }
}
