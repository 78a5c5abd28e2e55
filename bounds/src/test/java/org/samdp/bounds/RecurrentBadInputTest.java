package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.network.Rnn;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.reference.NetworkJson;

/** Bad input around recurrent bounds gets one clear error that names the layer or the step. */
class RecurrentBadInputTest {

  @Test
  void aSequenceOfAnotherLengthOrFeatureSizeNamesTheUnrolledLayer() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network lstm = RandomCases.recurrent("lstm", 5, manager, 3, 4, 5, 2);
      BoundedNetwork bounded = new BoundedNetwork(lstm);
      for (Shape wrong : List.of(new Shape(2, 5, 4), new Shape(2, 3, 6))) {
        NDArray centres = manager.zeros(wrong, DataType.FLOAT64);
        assertMessage(() -> bounded.compute(LpBall.of(centres, Norm.INF, 0.1), BoundMethod.CROWN),
            "layer 0 (lstm) is unrolled over T = 3 steps of 4 features, but the input set has sequences "
                + wrong.slice(1));
      }
      assertMessage(() -> RandomCases.recurrent("gru", 5, manager, 3, 4, 5, 2).forward(manager.zeros(new Shape(1, 3,
          6), DataType.FLOAT64)), "network expects input [batch, (3, 4)]");
    }
  }

  @Test
  void aPerturbedStepOutsideTheSequenceIsNamed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      LpBall ball = LpBall.of(manager.zeros(new Shape(2, 3, 4), DataType.FLOAT64), Norm.INF, 0.1);
      assertMessage(() -> ball.atSteps(0, 3), "perturbed step 3 is outside the sequence of T = 3 steps");
      assertMessage(() -> ball.atSteps(-1), "perturbed step -1 is outside the sequence of T = 3 steps");
      LpBall flat = LpBall.of(manager.zeros(new Shape(2, 4), DataType.FLOAT64), Norm.INF, 0.1);
      assertMessage(() -> flat.atSteps(0), "time-step perturbations need sequences [batch, T, features], got (2, 4)");
    }
  }

  @Test
  void unsupportedCellOptionsAndCellsAreNamed() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      String relu = "{\"input_shape\": [2, 1], \"layers\": [{\"type\": \"rnn\", \"nonlinearity\": \"relu\","
          + " \"weight_ih\": [[1]], \"weight_hh\": [[1]], \"bias_ih\": [0], \"bias_hh\": [0]}]}";
      assertMessage(() -> NetworkJson.read(new ObjectMapper().readTree(relu), manager),
          "layer 0 (rnn): only the tanh nonlinearity is supported");
      String initial = relu.replace("\"nonlinearity\": \"relu\"", "\"initial_state\": \"learned\"");
      assertMessage(() -> NetworkJson.read(new ObjectMapper().readTree(initial), manager),
          "layer 0 (rnn): only initial_state zeros is supported");
      Rnn rnn = (Rnn) RandomCases.recurrent("rnn", 5, manager, 2, 1, 1, 1).layers().get(0);
      RecurrentLayer custom = new RecurrentLayer() {
        @Override
        public NDArray weightIh() {
          return rnn.weightIh();
        }

        @Override
        public NDArray weightHh() {
          return rnn.weightHh();
        }

        @Override
        public NDArray biasIh() {
          return rnn.biasIh();
        }

        @Override
        public NDArray biasHh() {
          return rnn.biasHh();
        }

        @Override
        public int stateSize() {
          return 1;
        }

        @Override
        public List<NDArray> step(NDArray input, List<NDArray> state) {
          return rnn.step(input, state);
        }

        @Override
        public String type() {
          return "peephole_lstm";
        }
      };
      assertMessage(() -> new BoundedNetwork(new Network(new Shape(2, 1), List.of(custom))),
          "the bound engine does not support layer 0 (peephole_lstm)");
    }
  }

  private static void assertMessage(Executable executable, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
  }
}
