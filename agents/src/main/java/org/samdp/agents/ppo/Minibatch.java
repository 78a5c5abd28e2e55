package org.samdp.agents.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.policy.PolicyState;
import org.samdp.bounds.Scalars;

/**
 * One minibatch of a rollout, as arrays: either flat samples ({@code states [n, F]}, every row valid), or whole
 * sequences zero-padded to the longest ({@code states [B, T, F]}, the other arrays flat in row-major order
 * {@code b·T + t}, {@code mask} 1 on real steps and 0 on padding) with the recurrent states they start from.
 *
 * @param states normalized observations the agent saw
 * @param actions {@code [rows, actionSize]}
 * @param oldLogProbs {@code [rows]}
 * @param oldValues {@code [rows]}
 * @param returns {@code [rows]}
 * @param advantages {@code [rows]}
 * @param mask {@code [rows]}, or null for flat samples
 * @param policyStart the policy's state at each sequence's first step (sequences only)
 * @param valueStart the value function's state at each sequence's first step (sequences only)
 */
record Minibatch(NDArray states, NDArray actions, NDArray oldLogProbs, NDArray oldValues, NDArray returns,
    NDArray advantages, NDArray mask, PolicyState policyStart, List<NDArray> valueStart) {

  /** The samples {@code order[from, from + n)} of a rollout. */
  static Minibatch flat(RolloutBuffer buffer, int[] order, int from, int n, NDManager manager) {
    return new Minibatch(RolloutBuffer.matrix(manager, buffer.observations, buffer.observationSize, order, from, n),
        RolloutBuffer.matrix(manager, buffer.actions, buffer.actionSize, order, from, n),
        RolloutBuffer.vector(manager, buffer.logProbs, order, from, n),
        RolloutBuffer.vector(manager, buffer.values, order, from, n),
        RolloutBuffer.vector(manager, buffer.returns, order, from, n),
        RolloutBuffer.vector(manager, buffer.advantages, order, from, n), null, null, null);
  }

  /** The sequences {@code order[from, from + n)} of a rollout, padded to the longest of them. */
  static Minibatch sequences(RolloutBuffer buffer, List<Sequence> sequences, int[] order, int from, int n,
      NDManager manager) {
    int steps = 0;
    for (int k = 0; k < n; k++) {
      steps = Math.max(steps, sequences.get(order[from + k]).length());
    }
    int[] rows = new int[n * steps];
    float[] valid = new float[n * steps];
    for (int k = 0; k < n; k++) {
      Sequence sequence = sequences.get(order[from + k]);
      for (int t = 0; t < steps; t++) {
        // Padding repeats the sequence's first sample; the mask keeps it out of every mean.
        rows[k * steps + t] = sequence.sample(t < sequence.length() ? t : 0, buffer.numEnvs);
        valid[k * steps + t] = t < sequence.length() ? 1 : 0;
      }
    }
    NDArray states = RolloutBuffer.matrix(manager, buffer.observations, buffer.observationSize, rows, 0, rows.length)
        .reshape(n, steps, buffer.observationSize);
    return new Minibatch(states, RolloutBuffer.matrix(manager, buffer.actions, buffer.actionSize, rows, 0, rows.length),
        RolloutBuffer.vector(manager, buffer.logProbs, rows, 0, rows.length),
        RolloutBuffer.vector(manager, buffer.values, rows, 0, rows.length),
        RolloutBuffer.vector(manager, buffer.returns, rows, 0, rows.length),
        RolloutBuffer.vector(manager, buffer.advantages, rows, 0, rows.length).mul(manager.create(valid)),
        manager.create(valid), new PolicyState(starts(buffer.policyStart, buffer.numEnvs, sequences, order, from, n,
            manager)), starts(buffer.valueStart, buffer.numEnvs, sequences, order, from, n, manager));
  }

  /** Per state part {@code [n, H]}: the rollout's start state for sequences that open it, zero for the others. */
  private static List<NDArray> starts(List<float[]> rolloutStart, int numEnvs, List<Sequence> sequences, int[] order,
      int from, int n, NDManager manager) {
    List<NDArray> parts = new ArrayList<>();
    for (float[] part : rolloutStart) {
      int hidden = part.length / numEnvs;
      float[] rows = new float[n * hidden];
      for (int k = 0; k < n; k++) {
        Sequence sequence = sequences.get(order[from + k]);
        if (sequence.start() == 0) {
          System.arraycopy(part, sequence.env() * hidden, rows, k * hidden, hidden);
        }
      }
      parts.add(manager.create(rows, new Shape(n, hidden)));
    }
    return parts;
  }

  /** The advantages standardised over the valid rows (unbiased std, as torch.std), zero on padding. */
  NDArray normalizedAdvantages() {
    NDArray centered = advantages.sub(mean(advantages));
    NDArray squares = mask == null ? centered.square() : centered.square().mul(mask);
    // Scalars are float: a 0-d array times a double would turn float64.
    float count = mask == null ? advantages.size() : mask.sum().getFloat();
    NDArray normalized = centered.div(squares.sum().div(count - 1).sqrt().add(Scalars.constant(advantages, 1e-8f)));
    return mask == null ? normalized : normalized.mul(mask);
  }

  /** The mean over valid rows. */
  NDArray mean(NDArray values) {
    return PpoLearner.mean(values, mask);
  }

  /** Per-row values with padding zeroed. */
  NDArray masked(NDArray values) {
    return mask == null ? values : values.mul(mask);
  }

  /** True for sequences. */
  boolean isSequences() {
    return mask != null;
  }
}
