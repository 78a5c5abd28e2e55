package org.samdp.agents.policy;

import ai.djl.ndarray.NDManager;
import java.util.function.BiFunction;

/**
 * A recurrent state that an adversary or an attack's critic carries along the running episodes of an episode loop,
 * beside the victim's own (§3.5: a recurrent adversary, or a recurrent value function, reads the history too): the
 * initial state where an episode starts, narrowed to the rows whose episodes go on, its arrays owned here so that
 * they outlive the step that made them.
 */
public final class CarriedState {
  private final BiFunction<NDManager, Integer, PolicyState> initial;
  private final NDManager manager = NDManager.newBaseManager();
  private NDManager arrays;
  private PolicyState current;

  /** @param initial the initial state of a batch of episodes, e.g. {@code policy::initialState} */
  public CarriedState(BiFunction<NDManager, Integer, PolicyState> initial) {
    this.initial = initial;
  }

  /**
   * Starts the rows of {@code started} from the initial state; a batch of another size than the state's (a new
   * episode loop) starts whole.
   */
  public void restart(boolean[] started) {
    NDManager scope = manager.newSubManager();
    PolicyState fresh = initial.apply(scope, started.length);
    keep(current == null || current.arrays().isEmpty() || current.arrays().get(0).getShape().get(0) != started.length
        ? fresh : current.restart(started, fresh));
    scope.close();
  }

  /** Keeps the rows of the episodes that go on, in order. */
  public void keepRows(int[] rows) {
    if (current != null) {
      keep(current.select(rows));
    }
  }

  /** The state before this step: read it without advancing it (queries with the history paused). */
  public PolicyState current() {
    if (current == null) {
      throw new IllegalStateException("no episode has started: call restart first");
    }
    return current;
  }

  /** Advances to the state after this step. */
  public void advance(PolicyState next) {
    keep(next);
  }

  private void keep(PolicyState state) {
    NDManager owner = manager.newSubManager();
    state.attach(owner);
    if (arrays != null) {
      arrays.close();
    }
    arrays = owner;
    current = state;
  }
}
