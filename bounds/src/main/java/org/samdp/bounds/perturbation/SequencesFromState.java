package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.samdp.bounds.ops.Interval;

/**
 * Input sets of sequences {@code [B, T, F]} read by a network's recurrent cell from an initial state anywhere in a box,
 * rather than from the zero state: the state ({@code h}, and {@code c} for an LSTM, each {@code [B, H]}) is a second
 * input of the bound graph, varying independently of the sequences. A window of the last steps of a longer history
 * is bounded this way, the box holding every state the earlier steps can lead to.
 */
public final class SequencesFromState implements Perturbation {
  private final Perturbation sequences;
  private final List<Interval> state;

  /**
   * @param sequences the input sets of the sequences
   * @param state element-wise bounds of each part of the state in the cell's order ({@code h}, then {@code c})
   * @throws IllegalArgumentException on NaN, {@code lower > upper} or a part without one row per sequence
   */
  public SequencesFromState(Perturbation sequences, List<Interval> state) {
    long batch = sequences.center().getShape().get(0);
    for (int k = 0; k < state.size(); k++) {
      Interval part = state.get(k);
      if (!part.lower().getShape().equals(part.upper().getShape()) || part.lower().getShape().get(0) != batch) {
        throw new IllegalArgumentException("initial state part " + k + " must have bounds [" + batch + ", H] for "
            + batch + " sequences, got " + part.lower().getShape() + " and " + part.upper().getShape());
      }
      Inputs.requireNoNaN(part.lower(), "initial state lower bound");
      Inputs.requireNoNaN(part.upper(), "initial state upper bound");
      if (part.lower().gt(part.upper()).any().getBoolean()) {
        throw new IllegalArgumentException("initial state part " + k + " needs lower <= upper everywhere");
      }
    }
    this.sequences = sequences;
    this.state = List.copyOf(state);
  }

  /** The sequences' input sets alone. */
  public Perturbation sequences() {
    return sequences;
  }

  /** The box of each part of the initial state. */
  public List<Interval> state() {
    return state;
  }

  @Override
  public NDArray center() {
    return sequences.center();
  }

  @Override
  public Interval box() {
    return sequences.box();
  }

  @Override
  public NDArray concretizeLower(NDArray coefficients) {
    return sequences.concretizeLower(coefficients);
  }

  @Override
  public Interval linearImage(NDArray weight, NDArray bias) {
    return sequences.linearImage(weight, bias);
  }
}
