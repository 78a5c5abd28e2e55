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
 * through unchanged. Agents imported from the SA-PPO and ATLA code keep their ZFilter's form,
 * {@code (obs − mean) / (sqrt(var) + 1e-8)} ({@link Epsilon#AFTER_ROOT}).
 */
public final class ObservationNormalizer {
  /** Gymnasium's epsilon inside the square root. */
  public static final double EPSILON = 1e-8;

  /** Where {@link #EPSILON} goes: it keeps a zero variance from dividing by zero. */
  public enum Epsilon {
    /** {@code sqrt(var + 1e-8)}: Gymnasium's and samdp's trainers. */
    IN_ROOT,
    /** {@code sqrt(var) + 1e-8}: the ZFilter of the SA-PPO and ATLA code, for the agents imported from it. */
    AFTER_ROOT
  }

  private final int size;
  private final RunningMeanStd stats;
  private final double clip;
  private final Epsilon epsilon;
  private boolean frozen;

  private ObservationNormalizer(int size, RunningMeanStd stats, double clip, Epsilon epsilon) {
    this.size = size;
    this.stats = stats;
    this.clip = clip;
    this.epsilon = epsilon;
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
    return new ObservationNormalizer(size, new RunningMeanStd(size), clip, Epsilon.IN_ROOT);
  }

  /** A normaliser that leaves observations as they are (e.g. pixels, or normalisation switched off). */
  public static ObservationNormalizer identity(int size) {
    return new ObservationNormalizer(size, null, Double.POSITIVE_INFINITY, Epsilon.IN_ROOT);
  }

  /** A running normaliser restored from saved statistics. */
  public static ObservationNormalizer restored(RunningMeanStd.State state, double clip, boolean frozen) {
    return restored(state, clip, frozen, Epsilon.IN_ROOT);
  }

  /** A running normaliser restored from saved statistics, with {@link #EPSILON} where {@code epsilon} puts it. */
  public static ObservationNormalizer restored(RunningMeanStd.State state, double clip, boolean frozen,
      Epsilon epsilon) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("observation clip must be positive, got " + clip);
    }
    int size = state.mean().length;
    ObservationNormalizer normalizer = new ObservationNormalizer(size, new RunningMeanStd(size), clip, epsilon);
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

  /** Where the epsilon of the standard deviation goes. */
  public Epsilon epsilon() {
    return epsilon;
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
      double[] y = stats == null ? x : stats.normalize(x, EPSILON, epsilon == Epsilon.IN_ROOT);
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
