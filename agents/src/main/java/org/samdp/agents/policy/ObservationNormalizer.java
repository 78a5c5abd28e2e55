package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * The policy's view of raw observations: {@code clip((obs − mean) / sqrt(var + 1e-8), ±clip)} with running statistics
 * (the envs' {@link RunningMeanStd}, Gymnasium's semantics), updated from rollouts during training and frozen at
 * evaluation. The SA-MDP threat model lives in this normalized space. A disabled normaliser passes observations
 * through unchanged.
 */
public final class ObservationNormalizer {
  /** Gymnasium's epsilon inside the square root. */
  public static final double EPSILON = 1e-8;

  private final int size;
  private final RunningMeanStd stats;
  private final double clip;
  private boolean frozen;

  private ObservationNormalizer(int size, RunningMeanStd stats, double clip) {
    this.size = size;
    this.stats = stats;
    this.clip = clip;
  }

  /**
   * A normaliser with fresh statistics.
   *
   * @param clip normalized values are clipped to {@code ±clip} (the papers use 10); infinity for no clipping
   */
  public static ObservationNormalizer running(int size, double clip) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("observation clip must be positive, got " + clip);
    }
    return new ObservationNormalizer(size, new RunningMeanStd(size), clip);
  }

  /** A normaliser that leaves observations as they are (e.g. pixels, or normalisation switched off). */
  public static ObservationNormalizer identity(int size) {
    return new ObservationNormalizer(size, null, Double.POSITIVE_INFINITY);
  }

  /** A running normaliser restored from saved statistics. */
  public static ObservationNormalizer restored(RunningMeanStd.State state, double clip, boolean frozen) {
    ObservationNormalizer normalizer = running(state.mean().length, clip);
    normalizer.stats.restore(state);
    normalizer.frozen = frozen;
    return normalizer;
  }

  /** Flat observation size. */
  public int size() {
    return size;
  }

  /** False for the identity. */
  public boolean isRunning() {
    return stats != null;
  }

  public double clip() {
    return clip;
  }

  /** The statistics (null for the identity). */
  public RunningMeanStd.State statistics() {
    return stats == null ? null : stats.state();
  }

  /** Replaces the statistics. */
  public void restore(RunningMeanStd.State state) {
    if (stats == null) {
      throw new IllegalStateException("an identity normaliser has no statistics to restore");
    }
    stats.restore(state);
  }

  /** Stops (true) or resumes (false) updating the statistics; evaluation freezes them. */
  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  public boolean isFrozen() {
    return frozen;
  }

  /** Merges a batch of raw observations into the statistics, unless frozen or identity. */
  public void update(double[][] raw) {
    if (stats != null && !frozen) {
      stats.update(raw);
    }
  }

  /** Normalized observations {@code [B, size]} in float32, without updating the statistics. */
  public NDArray normalize(NDManager manager, double[][] raw) {
    float[] flat = new float[raw.length * size];
    for (int b = 0; b < raw.length; b++) {
      double[] x = raw[b];
      if (x.length != size) {
        throw new IllegalArgumentException("expected observations of " + size + " values, got " + x.length);
      }
      double[] y = stats == null ? x : stats.normalize(x, EPSILON);
      for (int i = 0; i < size; i++) {
        flat[b * size + i] = (float) Math.max(-clip, Math.min(clip, y[i]));
      }
    }
    return manager.create(flat, new Shape(raw.length, size));
  }

  /** Normalized observations of a raw batch already in an array {@code [B, size]}. */
  public NDArray normalize(NDArray raw) {
    double[] flat = raw.toType(DataType.FLOAT64, false).toDoubleArray();
    int rows = Math.toIntExact(raw.getShape().get(0));
    double[][] batch = new double[rows][];
    for (int b = 0; b < rows; b++) {
      batch[b] = Arrays.copyOfRange(flat, b * size, (b + 1) * size);
    }
    return normalize(raw.getManager(), batch);
  }
}
