package org.samdp.bounds.certify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Specification matrices for action margins. */
public final class Margins {
  private Margins() {}

  /**
   * Rows {@code e_{a*} - e_a} for every action {@code a ≠ a*}, in increasing order of {@code a}: lower bounds of
   * {@code C·Q} are lower bounds of the margins {@code Q(a*) - Q(a)}.
   *
   * @param chosen the action {@code a*} of each batch element, {@code [B]} (integers)
   * @param actions number of actions {@code n >= 2}
   * @param dataType type of the returned {@code [B, n-1, n]} matrix
   */
  public static NDArray against(NDArray chosen, long actions, DataType dataType) {
    if (actions < 2) {
      throw new IllegalArgumentException("margins need at least 2 actions, got " + actions);
    }
    long batch = chosen.getShape().get(0);
    NDArray identity = chosen.getManager().eye(Math.toIntExact(actions)).toType(dataType, false);
    NDArray chosenRows = identity.get(chosen.toType(DataType.INT64, false)).expandDims(1);
    NDArray all = chosenRows.sub(identity.expandDims(0)); // [B, n, n]: row a is e_{a*} - e_a
    NDArray keep = identity.get(chosen.toType(DataType.INT64, false)).eq(0); // [B, n]
    return all.get(keep).reshape(new Shape(batch, actions - 1, actions));
  }
}
