package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * What a policy carries from one step to the next, one row per episode of the batch (an LSTM's (h, c), a toy policy's
 * previous observation); {@link #NONE} for feed-forward policies. Episode loops keep it between steps and narrow it
 * when some episodes stop while others go on.
 *
 * @param arrays the state's arrays, each {@code [B, ...]}
 */
public record PolicyState(List<NDArray> arrays) {
  /** The state of a feed-forward policy. */
  public static final PolicyState NONE = new PolicyState(List.of());

  /** Copies the list. */
  public PolicyState {
    arrays = List.copyOf(arrays);
  }

  /** A state of the given arrays. */
  public static PolicyState of(NDArray... arrays) {
    return new PolicyState(List.of(arrays));
  }

  /** True for {@link #NONE}. */
  public boolean isEmpty() {
    return arrays.isEmpty();
  }

  /** The rows kept, in order (the episodes that go on). */
  public PolicyState select(int[] rows) {
    if (isEmpty()) {
      return this;
    }
    return new PolicyState(arrays.stream().map(a -> a.get(a.getManager().create(rows))).toList());
  }

  /**
   * This state with the rows of {@code episodeStart} taken from {@code initial} (episodes that start afresh); this
   * state itself where no row starts.
   *
   * @param initial a state of the same batch, e.g. the policy's initial state
   */
  public PolicyState restart(boolean[] episodeStart, PolicyState initial) {
    boolean any = false;
    for (boolean start : episodeStart) {
      any |= start;
    }
    if (isEmpty() || !any) {
      return this;
    }
    List<NDArray> restarted = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      NDArray current = arrays.get(i);
      NDArray rows = current.getManager().create(episodeStart).reshape(episodeStart.length, 1)
          .broadcast(current.getShape());
      restarted.add(NDArrays.where(rows, initial.arrays().get(i), current));
    }
    return new PolicyState(restarted);
  }

  /** Moves the arrays into {@code manager}, so that they outlive the step that made them. */
  public PolicyState attach(NDManager manager) {
    arrays.forEach(a -> a.attach(manager));
    return this;
  }
}
