package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.SequencesFromState;

/**
 * Recurrent cells read from an initial state in a box ({@link SequencesFromState}): a zero-width box at zero gives the
 * zero state's bounds, bounds and final-state boxes hold sampled states and sequences, and IBP carried through a
 * final-state box is IBP over the whole sequence.
 */
class RecurrentInitialStateTest {
  private static final String[] CELLS = {"rnn", "lstm", "gru"};
  private static final BoundMethod[] METHODS = {BoundMethod.IBP, BoundMethod.CROWN, BoundMethod.CROWN_IBP,
      BoundMethod.ALPHA_CROWN, BoundMethod.POPQORN};

  @Test
  void aZeroWidthBoxAtZeroGivesTheZeroStateBounds() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String cell : CELLS) {
        Network network = RandomCases.recurrent(cell, 11, manager, 3, 3, 5, 2);
        BoundedNetwork bounded = new BoundedNetwork(network);
        LpBall ball = LpBall.of(RandomCases.centres(network, 2, 11, manager), Norm.INF, 0.2);
        List<Interval> zero = box(manager, stateSize(network), 2, 5, 0, 0, 11);
        for (BoundMethod method : METHODS) {
          Bounds plain = bounded.compute(ball, method);
          Bounds fromState = bounded.compute(new SequencesFromState(ball, zero), method);
          double tolerance = method == BoundMethod.ALPHA_CROWN ? 1e-9 : 1e-12;
          assertEquals(0, plain.lower().sub(fromState.lower()).abs().max().getDouble(), tolerance, cell + " " + method);
          assertEquals(0, plain.upper().sub(fromState.upper()).abs().max().getDouble(), tolerance, cell + " " + method);
        }
      }
    }
  }

  @Test
  void boundsAndFinalStatesHoldSampledStatesAndSequences() {
    List<String> failures = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String cell : CELLS) {
        Network network = RandomCases.recurrent(cell, 21, manager, 3, 3, 4, 2);
        BoundedNetwork bounded = new BoundedNetwork(network);
        NDArray centres = RandomCases.centres(network, 2, 21, manager);
        LpBall ball = LpBall.of(centres, Norm.INF, 0.15);
        List<Interval> state = box(manager, stateSize(network), 2, 4, 0.4, 0.3, 21);
        SequencesFromState input = new SequencesFromState(ball, state);
        List<Bounds> bounds = new ArrayList<>();
        for (BoundMethod method : METHODS) {
          bounds.add(bounded.compute(input, method));
        }
        List<Interval> last = bounded.finalState(input);
        for (int s = 0; s < 300; s++) {
          boolean vertex = s % 2 == 0;
          List<NDArray> start = state.stream().map(part -> sample(part, vertex)).toList();
          NDArray sequence = sample(ball.box(), vertex);
          List<NDArray> end = run(network, start, sequence);
          NDArray output = head(network).forward(end.get(0));
          for (int m = 0; m < METHODS.length; m++) {
            if (outside(output, bounds.get(m).lower(), bounds.get(m).upper())) {
              failures.add(cell + " " + METHODS[m] + " sample " + s);
            }
          }
          for (int k = 0; k < end.size(); k++) {
            if (outside(end.get(k), last.get(k).lower(), last.get(k).upper())) {
              failures.add(cell + " final state part " + k + " sample " + s);
            }
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " unsound, e.g. " + failures.subList(0,
        Math.min(5, failures.size())));
  }

  @Test
  void ibpCarriedThroughAFinalStateBoxIsIbpOverTheWholeSequence() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String cell : CELLS) {
        Network whole = RandomCases.recurrent(cell, 31, manager, 4, 3, 5, 2);
        NDArray centres = RandomCases.centres(whole, 3, 31, manager);
        Bounds direct = new BoundedNetwork(whole).compute(LpBall.of(centres, Norm.INF, 0.1), BoundMethod.IBP);
        BoundedNetwork first = new BoundedNetwork(new Network(new Shape(1, 3), whole.layers()));
        BoundedNetwork rest = new BoundedNetwork(new Network(new Shape(3, 3), whole.layers()));
        List<Interval> carried = first.finalState(LpBall.of(centres.get(":, :1, :"), Norm.INF, 0.1));
        Bounds windowed = rest.compute(new SequencesFromState(LpBall.of(centres.get(":, 1:, :"), Norm.INF, 0.1),
            carried), BoundMethod.IBP);
        assertEquals(0, direct.lower().sub(windowed.lower()).abs().max().getDouble(), 1e-12, cell);
        assertEquals(0, direct.upper().sub(windowed.upper()).abs().max().getDouble(), 1e-12, cell);
      }
    }
  }

  @Test
  void aStateBoxThatDoesNotFitTheCellIsRefusedNamingIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network lstm = RandomCases.recurrent("lstm", 41, manager, 2, 3, 4, 2);
      LpBall ball = LpBall.of(RandomCases.centres(lstm, 2, 41, manager), Norm.INF, 0.1);
      IllegalArgumentException parts = assertThrows(IllegalArgumentException.class, () -> new BoundedNetwork(lstm)
          .compute(new SequencesFromState(ball, box(manager, 1, 2, 4, 0, 0, 1)), BoundMethod.IBP));
      assertTrue(parts.getMessage().contains("layer 0 (lstm)"), parts.getMessage());
      IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new BoundedNetwork(lstm)
          .compute(new SequencesFromState(ball, box(manager, 2, 2, 5, 0, 0, 1)), BoundMethod.IBP));
      assertTrue(size.getMessage().contains("hidden size 4"), size.getMessage());
    }
  }

  private static int stateSize(Network network) {
    return ((RecurrentLayer) network.layers().get(0)).stateSize();
  }

  /** Boxes of {@code parts} state parts {@code [batch, hidden]}, centres in ±{@code spread}, radius {@code radius}. */
  private static List<Interval> box(NDManager manager, int parts, int batch, int hidden, double spread,
      double radius, long seed) {
    manager.getEngine().setRandomSeed((int) seed);
    List<Interval> box = new ArrayList<>();
    for (int k = 0; k < parts; k++) {
      NDArray centre = manager.randomUniform((float) -spread, (float) spread, new Shape(batch, hidden),
          DataType.FLOAT64);
      box.add(new Interval(centre.sub(radius), centre.add(radius)));
    }
    return box;
  }

  private static NDArray sample(Interval box, boolean vertex) {
    NDArray u = box.lower().getManager().randomUniform(0, 1, box.lower().getShape(), DataType.FLOAT64);
    NDArray where = vertex ? u.gt(0.5).toType(DataType.FLOAT64, false) : u;
    return box.lower().add(box.upper().sub(box.lower()).mul(where));
  }

  private static List<NDArray> run(Network network, List<NDArray> start, NDArray sequence) {
    RecurrentLayer cell = (RecurrentLayer) network.layers().get(0);
    List<NDArray> state = start;
    for (long t = 0; t < sequence.getShape().get(1); t++) {
      state = cell.step(sequence.get(":, {}, :", t), state);
    }
    return state;
  }

  private static Network head(Network network) {
    RecurrentLayer cell = (RecurrentLayer) network.layers().get(0);
    return new Network(new Shape(cell.hiddenSize()), network.layers().subList(1, network.layers().size()));
  }

  private static boolean outside(NDArray value, NDArray lower, NDArray upper) {
    return value.lt(lower.sub(1e-9)).any().getBoolean() || value.gt(upper.add(1e-9)).any().getBoolean();
  }
}
