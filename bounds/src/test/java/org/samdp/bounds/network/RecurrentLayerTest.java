package org.samdp.bounds.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RNN, LSTM and GRU cells: step by step as the sequence forward, and their shape checks. */
class RecurrentLayerTest {

  @Test
  void stepByStepEqualsTheSequenceForward() {
    try (NDManager manager = NDManager.newBaseManager()) {
      int hidden = 5;
      int features = 3;
      for (int gates : new int[] {1, 3, 4}) {
        NDArray wih = manager.randomNormal(new Shape(gates * hidden, features), DataType.FLOAT64);
        NDArray whh = manager.randomNormal(new Shape(gates * hidden, hidden), DataType.FLOAT64);
        NDArray bih = manager.randomNormal(new Shape(gates * hidden), DataType.FLOAT64);
        NDArray bhh = manager.randomNormal(new Shape(gates * hidden), DataType.FLOAT64);
        RecurrentLayer cell = switch (gates) {
          case 1 -> new Rnn(wih, whh, bih, bhh);
          case 3 -> new Gru(wih, whh, bih, bhh);
          default -> new Lstm(wih, whh, bih, bhh);
        };
        NDArray sequence = manager.randomNormal(new Shape(2, 4, features), DataType.FLOAT64);
        List<NDArray> state = cell.zeroState(manager, 2, DataType.FLOAT64);
        for (int t = 0; t < 4; t++) {
          state = cell.step(sequence.get(":, " + t + ", :"), state);
        }
        assertEquals(cell.stateSize(), state.size());
        assertEquals(0, state.get(0).sub(cell.forward(sequence)).abs().max().getDouble(), 1e-15);
        assertEquals(new Shape(hidden), cell.outputShape(new Shape(4, features)));
        assertEquals(4, cell.parameters().size());
      }
    }
  }

  @Test
  void badShapesGetOneClearError() {
    try (NDManager manager = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lstm(
          manager.zeros(new Shape(12, 2)), manager.zeros(new Shape(9, 3)), manager.zeros(new Shape(12)),
          manager.zeros(new Shape(12))));
      assertTrue(e.getMessage().startsWith("lstm: weight_hh must be [4·H, H]"), e.getMessage());
      Gru gru = new Gru(manager.zeros(new Shape(6, 2)), manager.zeros(new Shape(6, 2)), manager.zeros(new Shape(6)),
          manager.zeros(new Shape(6)));
      IllegalArgumentException wrongFeatures = assertThrows(IllegalArgumentException.class,
          () -> gru.outputShape(new Shape(5, 3)));
      assertTrue(wrongFeatures.getMessage().contains("expects sequences [T, 2] but gets (5, 3)"),
          wrongFeatures.getMessage());
    }
  }
}
