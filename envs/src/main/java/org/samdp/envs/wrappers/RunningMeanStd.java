package org.samdp.envs.wrappers;

import java.util.Arrays;

/**
 * Running mean and variance of vectors, merged batch by batch with the parallel (Chan et al.) update, starting from
 * mean 0, variance 1 and a pseudo-count of 1e-4 like Gymnasium. Mean and variance are rounded to float32 after every
 * update, as Gymnasium stores them.
 */
public final class RunningMeanStd {
  private static final double INITIAL_COUNT = 1e-4;

  private final double[] mean;
  private final double[] var;
  private double count;

  public RunningMeanStd(int size) {
    mean = new double[size];
    var = new double[size];
    Arrays.fill(var, 1.0);
    count = INITIAL_COUNT;
  }

  /** The statistics as plain values, for checkpoints. */
  public record State(double[] mean, double[] var, double count) {
    public State {
      if (mean.length != var.length) {
        throw new IllegalArgumentException("mean has " + mean.length + " entries but var has " + var.length);
      }
      if (!(count > 0)) {
        throw new IllegalArgumentException("count must be positive, got " + count);
      }
      for (int i = 0; i < mean.length; i++) {
        if (!Double.isFinite(mean[i]) || !(var[i] >= 0) || Double.isInfinite(var[i])) {
          throw new IllegalArgumentException("statistics at index " + i + " are not finite: mean=" + mean[i]
              + ", var=" + var[i]);
        }
      }
      mean = mean.clone();
      var = var.clone();
    }

    @Override
    public double[] mean() {
      return mean.clone();
    }

    @Override
    public double[] var() {
      return var.clone();
    }
  }

  /** Replaces the statistics with a saved state of the same size. */
  public void restore(State state) {
    if (state.mean().length != mean.length) {
      throw new IllegalArgumentException("saved statistics are for " + state.mean().length
          + " values, these are for " + mean.length);
    }
    System.arraycopy(state.mean(), 0, mean, 0, mean.length);
    System.arraycopy(state.var(), 0, var, 0, var.length);
    count = state.count();
  }

  public State state() {
    return new State(mean, var, count);
  }

  /** Merges one observation. */
  public void update(double[] x) {
    update(new double[][] {x});
  }

  /** Merges a batch of observations (population variance of the batch). */
  public void update(double[][] batch) {
    int n = batch.length;
    if (n == 0) {
      return;
    }
    for (double[] x : batch) {
      if (x.length != mean.length) {
        throw new IllegalArgumentException("expected vectors of " + mean.length + " values, got " + x.length);
      }
    }
    double total = count + n;
    for (int i = 0; i < mean.length; i++) {
      double batchMean = 0;
      for (double[] x : batch) {
        batchMean += x[i];
      }
      batchMean /= n;
      double batchVar = 0;
      for (double[] x : batch) {
        batchVar += (x[i] - batchMean) * (x[i] - batchMean);
      }
      batchVar /= n;
      double delta = batchMean - mean[i];
      double m2 = var[i] * count + batchVar * n + delta * delta * count * n / total;
      mean[i] = (float) (mean[i] + delta * n / total);
      var[i] = (float) (m2 / total);
    }
    count = total;
  }

  /** {@code (x − mean) / sqrt(var + epsilon)}, rounded to float32. */
  public double[] normalize(double[] x, double epsilon) {
    return normalize(x, epsilon, true);
  }

  /**
   * {@code (x − mean) / sqrt(var + epsilon)} ({@code epsilonInRoot}, Gymnasium's form) or
   * {@code (x − mean) / (sqrt(var) + epsilon)} (the ZFilter of the SA-PPO and ATLA code), rounded to float32.
   */
  public double[] normalize(double[] x, double epsilon, boolean epsilonInRoot) {
    if (x.length != mean.length) {
      throw new IllegalArgumentException("expected " + mean.length + " values, got " + x.length);
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double scale = epsilonInRoot ? Math.sqrt(var[i] + epsilon) : Math.sqrt(var[i]) + epsilon;
      y[i] = (float) ((x[i] - mean[i]) / scale);
    }
    return y;
  }
}
