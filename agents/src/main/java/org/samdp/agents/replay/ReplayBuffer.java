package org.samdp.agents.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.samdp.agents.io.TensorFile;

/**
 * A circular replay buffer of transitions {@code (s, a, r, s', terminated)}, shared by DQN and DDPG. Two modes:
 * {@link #prioritized} (DQN) and {@link #uniform} (DDPG). Actions are rows of {@code actionSize} floats: an index
 * for a Discrete space (one value), the action vector for a Box.
 *
 * <p>Prioritized mode is proportional prioritized sampling (Schaul et al. 2016): transition {@code i} is drawn
 * with probability {@code P(i) = p_i^α / Σ_k p_k^α}, and its importance-sampling weight
 * {@code w_i = (N·P(i))^−β / max_k (N·P(k))^−β} (the maximum over the whole buffer, at the least likely transition)
 * corrects the bias of the non-uniform draw. New transitions get the largest priority seen so far, so each is
 * replayed at least once soon; α = 0 makes every {@code P(i) = 1/N} and every weight 1. A minibatch is drawn by
 * stratified sampling: the total priority is cut into as many equal segments as the batch has samples, and one
 * prefix sum is drawn uniformly inside each.
 *
 * <p>Uniform mode draws each index of a minibatch independently and uniformly from the stored transitions (with
 * replacement, as the DDPG authors' buffer does); it keeps no priorities and every weight is 1.
 *
 * <p>Observations are stored flat as float32, the rest as plain arrays, so that {@link #arrays} and {@link #restore}
 * copy the buffer exactly into a checkpoint and back.
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int observationSize;
  private final int actionSize;
  /** α, or NaN in uniform mode. */
  private final double alpha;
  private final float[] observations;
  private final float[] nextObservations;
  private final float[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private final float[] priorities;
  private final PriorityTree tree;
  private int next;
  private int size;
  private double maxPriority = 1.0;

  private ReplayBuffer(int capacity, int observationSize, int actionSize, double alpha, boolean prioritized) {
    if (capacity <= 0 || observationSize <= 0 || actionSize <= 0 || (prioritized && !(alpha >= 0))) {
      throw new IllegalArgumentException("replay buffer needs capacity > 0, observation size > 0, action size > 0 and"
          + " alpha >= 0, got " + capacity + ", " + observationSize + ", " + actionSize + ", " + alpha);
    }
    if ((long) capacity * Math.max(observationSize, actionSize) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("replay capacity " + capacity + " times observation size " + observationSize
          + " exceeds one array; lower replay.capacity");
    }
    this.capacity = capacity;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.alpha = prioritized ? alpha : Double.NaN;
    this.observations = new float[capacity * observationSize];
    this.nextObservations = new float[capacity * observationSize];
    this.actions = new float[capacity * actionSize];
    this.rewards = new float[capacity];
    this.terminated = new boolean[capacity];
    this.priorities = prioritized ? new float[capacity] : null;
    this.tree = prioritized ? new PriorityTree(capacity) : null;
  }

  /**
   * An empty prioritized buffer of transitions with one discrete action each (DQN).
   *
   * @param alpha the priority exponent α >= 0
   */
  public static ReplayBuffer prioritized(int capacity, int observationSize, double alpha) {
    return new ReplayBuffer(capacity, observationSize, 1, alpha, true);
  }

  /** An empty uniform buffer of transitions with action vectors of {@code actionSize} values (DDPG). */
  public static ReplayBuffer uniform(int capacity, int observationSize, int actionSize) {
    return new ReplayBuffer(capacity, observationSize, actionSize, Double.NaN, false);
  }

  /** True for a prioritized buffer, false for a uniform one. */
  public boolean isPrioritized() {
    return tree != null;
  }

  /** Transitions stored. */
  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Stores a transition with a discrete action, as {@link #add(double[], double[], double, double[], boolean)} does.
   */
  public void add(double[] observation, int action, double reward, double[] nextObservation, boolean terminated) {
    add(observation, new double[] {action}, reward, nextObservation, terminated);
  }

  /**
   * Stores a transition (prioritized: with the largest priority so far), overwriting the oldest when full.
   *
   * @param action the action row of {@code actionSize} values
   * @param terminated whether {@code nextObservation} is terminal (no bootstrapping from it); a time-limit cut is not
   */
  public void add(double[] observation, double[] action, double reward, double[] nextObservation,
      boolean terminated) {
    if (observation.length != observationSize || nextObservation.length != observationSize) {
      throw new IllegalArgumentException("expected observations of " + observationSize + " values, got "
          + observation.length + " and " + nextObservation.length);
    }
    if (action.length != actionSize) {
      throw new IllegalArgumentException("expected actions of " + actionSize + " values, got " + action.length);
    }
    int offset = next * observationSize;
    for (int j = 0; j < observationSize; j++) {
      observations[offset + j] = (float) observation[j];
      nextObservations[offset + j] = (float) nextObservation[j];
    }
    for (int j = 0; j < actionSize; j++) {
      actions[next * actionSize + j] = (float) action[j];
    }
    rewards[next] = (float) reward;
    this.terminated[next] = terminated;
    if (tree != null) {
      setPriority(next, (float) maxPriority);
    }
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** {@code P(i)}, the probability that one draw picks transition {@code index}. */
  public double probability(int index) {
    checkIndex(index);
    return tree == null ? 1.0 / size : tree.get(index) / tree.total();
  }

  /** The importance-sampling weight of transition {@code index} under exponent β, normalised by the largest. */
  public double weight(int index, double beta) {
    checkIndex(index);
    if (tree == null) {
      return 1.0;
    }
    // (N·P(i))^−β / (N·P_min)^−β = (P(i) / P_min)^−β; N and the total cancel.
    return Math.pow(tree.get(index) / tree.min(), -beta);
  }

  /**
   * Draws a minibatch: by stratified proportional sampling (prioritized), or uniformly with replacement.
   *
   * @param beta the importance-sampling exponent (ignored by a uniform buffer)
   * @throws IllegalStateException if the buffer holds fewer transitions than {@code batchSize}
   */
  public Batch sample(int batchSize, double beta, RandomGenerator random) {
    if (size < batchSize) {
      throw new IllegalStateException("cannot draw " + batchSize + " transitions from a buffer holding " + size);
    }
    int[] indices = new int[batchSize];
    float[] weights = new float[batchSize];
    if (tree == null) {
      for (int k = 0; k < batchSize; k++) {
        indices[k] = random.nextInt(size);
        weights[k] = 1f;
      }
      return gather(indices, weights);
    }
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
    float[] a = new float[n * actionSize];
    float[] r = new float[n];
    float[] done = new float[n];
    for (int k = 0; k < n; k++) {
      int i = indices[k];
      System.arraycopy(observations, i * observationSize, s, k * observationSize, observationSize);
      System.arraycopy(nextObservations, i * observationSize, sNext, k * observationSize, observationSize);
      System.arraycopy(actions, i * actionSize, a, k * actionSize, actionSize);
      r[k] = rewards[i];
      done[k] = terminated[i] ? 1f : 0f;
    }
    return new Batch(indices, s, a, r, sNext, done, weights);
  }

  /**
   * Sets the priorities of sampled transitions (typically {@code |TD error| + small constant}).
   *
   * @throws IllegalArgumentException for a priority that is not positive and finite
   * @throws IllegalStateException for a uniform buffer
   */
  public void updatePriorities(int[] indices, float[] newPriorities) {
    if (tree == null) {
      throw new IllegalStateException("a uniform replay buffer has no priorities");
    }
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
   * @param actions {@code [B * actionSize]}
   * @param rewards {@code [B]}
   * @param nextObservations {@code [B * observationSize]}
   * @param terminated 1 where the next observation is terminal, else 0
   * @param weights importance-sampling weights in (0, 1]
   */
  public record Batch(int[] indices, float[] observations, float[] actions, float[] rewards, float[] nextObservations,
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

  /**
   * The stored arrays under {@code prefix/...}, exactly (rewards and flags as float32; a prioritized buffer adds its
   * priorities).
   */
  public Map<String, TensorFile.Entry> arrays(String prefix) {
    Map<String, TensorFile.Entry> entries = new LinkedHashMap<>();
    long[] rows = {capacity, observationSize};
    long[] flat = {capacity};
    entries.put(prefix + "/observations", new TensorFile.Entry(rows, observations));
    entries.put(prefix + "/next_observations", new TensorFile.Entry(rows, nextObservations));
    float[] done = new float[capacity];
    for (int i = 0; i < capacity; i++) {
      done[i] = terminated[i] ? 1f : 0f;
    }
    // One discrete action per transition keeps the flat shape DQN checkpoints always had.
    entries.put(prefix + "/actions", new TensorFile.Entry(actionSize == 1 ? flat : new long[] {capacity, actionSize},
        actions.clone()));
    entries.put(prefix + "/rewards", new TensorFile.Entry(flat, rewards));
    entries.put(prefix + "/terminated", new TensorFile.Entry(flat, done));
    if (tree != null) {
      entries.put(prefix + "/priorities", new TensorFile.Entry(flat, priorities));
    }
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
    copy(entries, prefix + "/actions", actions);
    float[] done = new float[capacity];
    copy(entries, prefix + "/terminated", done);
    float[] saved = new float[capacity];
    if (tree != null) {
      copy(entries, prefix + "/priorities", saved);
    }
    if (state.size() < 0 || state.size() > capacity || state.next() < 0 || state.next() >= capacity) {
      throw new IllegalArgumentException("saved replay counters " + state + " do not fit a buffer of " + capacity);
    }
    next = state.next();
    size = state.size();
    maxPriority = state.maxPriority();
    for (int i = 0; i < capacity; i++) {
      terminated[i] = done[i] != 0;
      if (tree != null && i < size) {
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
