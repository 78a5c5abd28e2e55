package org.samdp.agents.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One iteration's rollout, time-major ({@code [t * numEnvs + env]}): normalized observations, actions, their
 * log-probabilities under the acting policy, values, scaled rewards and episode ends; then advantages and returns.
 * For recurrent agents it also keeps the policy's and the value function's states the rollout started from.
 */
public final class RolloutBuffer {
  final int size;
  final int numEnvs;
  final int observationSize;
  final int actionSize;
  final float[] observations;
  final float[] actions;
  final float[] logProbs;
  final double[] values;
  final double[] rewards;
  final boolean[] episodeEnded;
  /** Per state part, {@code [numEnvs·H]}: the policy's state at the rollout's first step (recurrent agents). */
  final List<float[]> policyStart = new ArrayList<>();
  /** Likewise the value function's state. */
  final List<float[]> valueStart = new ArrayList<>();
  double[] advantages;
  double[] returns;
  private int next;

  public RolloutBuffer(int size, int numEnvs, int observationSize, int actionSize) {
    this.size = size;
    this.numEnvs = numEnvs;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.observations = new float[size * observationSize];
    this.actions = new float[size * actionSize];
    this.logProbs = new float[size];
    this.values = new double[size];
    this.rewards = new double[size];
    this.episodeEnded = new boolean[size];
  }

  /** The normalized observation stored in row {@code i}: what the learner acted on and trains on. */
  public float[] observation(int i) {
    return Arrays.copyOfRange(observations, i * observationSize, (i + 1) * observationSize);
  }

  /** Rows stored so far. */
  public int rows() {
    return next;
  }

  /** Adds one vector step: per env its observation row, action row, log-probability and value. */
  public void add(float[] observationRows, float[] actionRows, float[] logProb, float[] value, double[] reward,
      boolean[] ended) {
    int n = logProb.length;
    System.arraycopy(observationRows, 0, observations, next * observationSize, n * observationSize);
    System.arraycopy(actionRows, 0, actions, next * actionSize, n * actionSize);
    for (int i = 0; i < n; i++) {
      logProbs[next + i] = logProb[i];
      values[next + i] = value[i];
      rewards[next + i] = reward[i];
      episodeEnded[next + i] = ended[i];
    }
    next += n;
  }

  /** Keeps the recurrent states the rollout starts from, each part {@code [numEnvs, H]}. */
  void startFrom(List<NDArray> policyState, List<NDArray> valueState) {
    policyState.forEach(part -> policyStart.add(part.toFloatArray()));
    valueState.forEach(part -> valueStart.add(part.toFloatArray()));
  }

  public boolean isEmpty() {
    return next == 0;
  }

  public boolean isFull() {
    return next == size;
  }

  public void computeAdvantages(double[] nextValues, double gamma, double lambda) {
    advantages = Gae.advantages(rewards, values, episodeEnded, nextValues, gamma, lambda);
    returns = Gae.returns(advantages, values);
  }

  /**
   * Shuffles a minibatch order in place (Fisher-Yates, one {@code nextInt} per position from the end), so every
   * learner that draws minibatches from its own generator consumes it the same way.
   */
  public static void shuffle(int[] order, RandomGenerator random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  /** The rows {@code indices[from, from + count)} of a per-sample array with {@code width} values per sample. */
  public static NDArray matrix(NDManager manager, float[] data, int width, int[] indices, int from, int count) {
    float[] out = new float[count * width];
    for (int k = 0; k < count; k++) {
      System.arraycopy(data, indices[from + k] * width, out, k * width, width);
    }
    return manager.create(out, new Shape(count, width));
  }

  /** The entries {@code indices[from, from + count)} of a per-sample float array, {@code [count]}. */
  public static NDArray vector(NDManager manager, float[] data, int[] indices, int from, int count) {
    float[] out = new float[count];
    for (int k = 0; k < count; k++) {
      out[k] = data[indices[from + k]];
    }
    return manager.create(out, new Shape(count));
  }

  /** The entries {@code indices[from, from + count)} of a per-sample double array, as float32 {@code [count]}. */
  static NDArray vector(NDManager manager, double[] data, int[] indices, int from, int count) {
    float[] out = new float[count];
    for (int k = 0; k < count; k++) {
      out[k] = (float) data[indices[from + k]];
    }
    return manager.create(out, new Shape(count));
  }
}
