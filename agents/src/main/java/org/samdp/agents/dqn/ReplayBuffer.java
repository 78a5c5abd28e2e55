package org.samdp.agents.dqn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.samdp.agents.io.TensorFile;

/**
 * A circular replay buffer with proportional prioritized sampling (Schaul et al. 2016): transition {@code i} is drawn
 * with probability {@code P(i) = p_i^α / Σ_k p_k^α}, and its importance-sampling weight
 * {@code w_i = (N·P(i))^−β / max_k (N·P(k))^−β} (the maximum over the whole buffer, at the least likely transition)
 * corrects the bias of the non-uniform draw. New transitions get the largest priority seen so far, so each is
 * replayed at least once soon; α = 0 makes every {@code P(i) = 1/N} and every weight 1 (uniform replay).
 *
 * <p>A minibatch is drawn by stratified sampling: the total priority is cut into as many equal segments as the batch
 * has samples, and one prefix sum is drawn uniformly inside each.
 *
 * <p>Observations are stored flat as float32, the rest as plain arrays, so that {@link #arrays} and {@link #restore}
 * copy the buffer exactly into a checkpoint and back.
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int observationSize;
  private final double alpha;
  private final float[] observations;
  private final float[] nextObservations;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private final float[] priorities;
  private final PriorityTree tree;
  private int next;
  private int size;
  private double maxPriority = 1.0;

  /**
   * An empty buffer.
   *
   * @param alpha the priority exponent α >= 0
   */
  public ReplayBuffer(int capacity, int observationSize, double alpha) {
    if (capacity <= 0 || observationSize <= 0 || !(alpha >= 0)) {
      throw new IllegalArgumentException("replay buffer needs capacity > 0, observation size > 0 and alpha >= 0, got "
          + capacity + ", " + observationSize + ", " + alpha);
    }
    if ((long) capacity * observationSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("replay capacity " + capacity + " times observation size " + observationSize
          + " exceeds one array; lower replay.capacity");
    }
    this.capacity = capacity;
    this.observationSize = observationSize;
    this.alpha = alpha;
    this.observations = new float[capacity * observationSize];
    this.nextObservations = new float[capacity * observationSize];
    this.actions = new int[capacity];
    this.rewards = new float[capacity];
    this.terminated = new boolean[capacity];
    this.priorities = new float[capacity];
    this.tree = new PriorityTree(capacity);
  }

  /** Transitions stored. */
  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Stores a transition with the largest priority so far, overwriting the oldest when full.
   *
   * @param terminated whether {@code nextObservation} is terminal (no bootstrapping from it); a time-limit cut is not
   */
  public void add(double[] observation, int action, double reward, double[] nextObservation, boolean terminated) {
    if (observation.length != observationSize || nextObservation.length != observationSize) {
      throw new IllegalArgumentException("expected observations of " + observationSize + " values, got "
          + observation.length + " and " + nextObservation.length);
    }
    int offset = next * observationSize;
    for (int j = 0; j < observationSize; j++) {
      observations[offset + j] = (float) observation[j];
      nextObservations[offset + j] = (float) nextObservation[j];
    }
    actions[next] = action;
    rewards[next] = (float) reward;
    this.terminated[next] = terminated;
    setPriority(next, (float) maxPriority);
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** {@code P(i)}, the probability that one draw picks transition {@code index}. */
  public double probability(int index) {
    checkIndex(index);
    return tree.get(index) / tree.total();
  }

  /** The importance-sampling weight of transition {@code index} under exponent β, normalised by the largest. */
  public double weight(int index, double beta) {
    checkIndex(index);
    // (N·P(i))^−β / (N·P_min)^−β = (P(i) / P_min)^−β; N and the total cancel.
    return Math.pow(tree.get(index) / tree.min(), -beta);
  }

  /**
   * Draws a minibatch by stratified proportional sampling.
   *
   * @param beta the importance-sampling exponent
   * @throws IllegalStateException if the buffer holds fewer transitions than {@code batchSize}
   */
  public Batch sample(int batchSize, double beta, RandomGenerator random) {
    if (size < batchSize) {
      throw new IllegalStateException("cannot draw " + batchSize + " transitions from a buffer holding " + size);
    }
    int[] indices = new int[batchSize];
    float[] weights = new float[batchSize];
    double segment = tree.total() / batchSize;
    for (int k = 0; k < batchSize; k++) {
      int index = Math.min(tree.find((k + random.nextDouble()) * segment), size - 1);
      indices[k] = index;
      weights[k] = (float) weight(index, beta);
    }
    return gather(indices, weights);
  }

  /** The transitions at {@code indices} with the given weights. */
  private Batch gather(int[] indices, float[] weights) {
    int n = indices.length;
    float[] s = new float[n * observationSize];
    float[] sNext = new float[n * observationSize];
    int[] a = new int[n];
    float[] r = new float[n];
    float[] done = new float[n];
    for (int k = 0; k < n; k++) {
      int i = indices[k];
      System.arraycopy(observations, i * observationSize, s, k * observationSize, observationSize);
      System.arraycopy(nextObservations, i * observationSize, sNext, k * observationSize, observationSize);
      a[k] = actions[i];
      r[k] = rewards[i];
      done[k] = terminated[i] ? 1f : 0f;
    }
    return new Batch(indices, s, a, r, sNext, done, weights);
  }

  /**
   * Sets the priorities of sampled transitions (typically {@code |TD error| + small constant}).
   *
   * @throws IllegalArgumentException for a priority that is not positive and finite
   */
  public void updatePriorities(int[] indices, float[] newPriorities) {
    for (int k = 0; k < indices.length; k++) {
      float p = newPriorities[k];
      if (!(p > 0) || Float.isInfinite(p)) {
        throw new IllegalArgumentException("priorities must be positive and finite, got " + p);
      }
      checkIndex(indices[k]);
      setPriority(indices[k], p);
      maxPriority = Math.max(maxPriority, p);
    }
  }

  private void setPriority(int index, float priority) {
    priorities[index] = priority;
    tree.set(index, Math.pow(priority, alpha));
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("transition " + index + " of a buffer holding " + size);
    }
  }

  /**
   * A minibatch, row-major.
   *
   * @param indices where each transition is stored (for {@link #updatePriorities})
   * @param observations {@code [B * observationSize]}
   * @param actions {@code [B]}
   * @param rewards {@code [B]}
   * @param nextObservations {@code [B * observationSize]}
   * @param terminated 1 where the next observation is terminal, else 0
   * @param weights importance-sampling weights in (0, 1]
   */
  public record Batch(int[] indices, float[] observations, int[] actions, float[] rewards, float[] nextObservations,
      float[] terminated, float[] weights) {}

  // Checkpoints.

  /**
   * The buffer's counters; the arrays go to a tensor file.
   *
   * @param next where the next transition goes
   * @param size transitions stored
   * @param maxPriority the largest priority so far
   */
  public record State(int next, int size, double maxPriority) {}

  public State state() {
    return new State(next, size, maxPriority);
  }

  /** The stored arrays under {@code prefix/...}, exactly (actions, rewards and flags as float32). */
  public Map<String, TensorFile.Entry> arrays(String prefix) {
    Map<String, TensorFile.Entry> entries = new LinkedHashMap<>();
    long[] rows = {capacity, observationSize};
    long[] flat = {capacity};
    entries.put(prefix + "/observations", new TensorFile.Entry(rows, observations));
    entries.put(prefix + "/next_observations", new TensorFile.Entry(rows, nextObservations));
    float[] a = new float[capacity];
    float[] done = new float[capacity];
    for (int i = 0; i < capacity; i++) {
      a[i] = actions[i];
      done[i] = terminated[i] ? 1f : 0f;
    }
    entries.put(prefix + "/actions", new TensorFile.Entry(flat, a));
    entries.put(prefix + "/rewards", new TensorFile.Entry(flat, rewards));
    entries.put(prefix + "/terminated", new TensorFile.Entry(flat, done));
    entries.put(prefix + "/priorities", new TensorFile.Entry(flat, priorities));
    return entries;
  }

  /**
   * Continues from saved counters and arrays of a buffer of the same capacity and observation size.
   *
   * @throws IllegalArgumentException if the saved buffer does not fit this one
   */
  public void restore(State state, Map<String, TensorFile.Entry> entries, String prefix) {
    copy(entries, prefix + "/observations", observations);
    copy(entries, prefix + "/next_observations", nextObservations);
    copy(entries, prefix + "/rewards", rewards);
    float[] a = new float[capacity];
    float[] done = new float[capacity];
    float[] saved = new float[capacity];
    copy(entries, prefix + "/actions", a);
    copy(entries, prefix + "/terminated", done);
    copy(entries, prefix + "/priorities", saved);
    if (state.size() < 0 || state.size() > capacity || state.next() < 0 || state.next() >= capacity) {
      throw new IllegalArgumentException("saved replay counters " + state + " do not fit a buffer of " + capacity);
    }
    next = state.next();
    size = state.size();
    maxPriority = state.maxPriority();
    for (int i = 0; i < capacity; i++) {
      actions[i] = (int) a[i];
      terminated[i] = done[i] != 0;
      if (i < size) {
        setPriority(i, saved[i]);
      }
    }
  }

  private static void copy(Map<String, TensorFile.Entry> entries, String name, float[] target) {
    TensorFile.Entry entry = entries.get(name);
    if (entry == null || entry.values().length != target.length) {
      throw new IllegalArgumentException("checkpoint has no replay array '" + name + "' of " + target.length
          + " values; it was saved with another replay.capacity or observation size");
    }
    System.arraycopy(entry.values(), 0, target, 0, target.length);
  }
}
