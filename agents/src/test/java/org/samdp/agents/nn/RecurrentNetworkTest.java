package org.samdp.agents.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Lstm;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;

/** LSTM and GRU networks: unrolled against PyTorch's fused kernels, truncation, ATLA's architecture, the bound net. */
class RecurrentNetworkTest {
  private static final int BATCH = 3;
  private static final int STEPS = 7;
  private static final int FEATURES = 5;

  private static NDArray sequences(NDManager manager, DataType type) {
    return manager.randomNormal(0, 1, new Shape(BATCH, STEPS, FEATURES), type);
  }

  /** PyTorch's fused kernel over {@code [B, T, F]} (batch first) from the zero state: the hidden states. */
  private static NDArray fused(NDArray features, RecurrentNetwork network) {
    RecurrentLayer cell = network.cell();
    NDList parameters = new NDList(cell.weightIh(), cell.weightHh(), cell.biasIh(), cell.biasHh());
    NDList zero = new NDList(network.initialState(features.getManager(), BATCH).stream().map(s -> s.expandDims(0))
        .toList());
    return (cell instanceof Lstm
        ? features.getNDArrayInternal().lstm(features, zero, parameters, true, 1, 0, false, false, true)
        : features.getNDArrayInternal().gru(features, zero.get(0), parameters, true, 1, 0, false, false, true)).get(0);
  }

  /**
   * The cell unrolled step by step (the bound engine's cell operations) against PyTorch's fused LSTM and GRU
   * kernels, in float64: DJL 0.35's fused float32 kernel on CPU disagrees with both by up to 0.4 (while float64
   * agrees exactly), so the networks never use it.
   */
  @Test
  void theCellUnrolledStepByStepEqualsTheFusedKernelForLstmAndGru() {
    for (String cell : List.of("lstm", "gru")) {
      try (NDManager manager = NDManager.newBaseManager()) {
        NetworkSpec spec = new NetworkSpec(List.of(LayerSpec.linear(8), LayerSpec.cell(cell, 6),
            LayerSpec.linear(2)));
        RecurrentNetwork network = spec.buildRecurrent(new Shape(FEATURES), manager, DataType.FLOAT64, 3);
        List<NDArray> parameters = network.parameters();
        assertEquals(8, parameters.size());
        assertEquals(new Shape(cell.equals("lstm") ? 24 : 18, 8), parameters.get(2).getShape(), cell);
        Linear embedding = new Linear(parameters.get(0), parameters.get(1));
        Linear head = new Linear(parameters.get(6), parameters.get(7));

        NDArray inputs = sequences(manager, DataType.FLOAT64);
        NDArray hidden = fused(embedding.forward(inputs), network);
        NDArray expected = head.forward(hidden);
        RecurrentNetwork.Output unrolled = network.sequence(inputs, network.initialState(manager, BATCH), 100);
        assertEquals(new Shape(BATCH, STEPS, 2), unrolled.output().getShape());
        assertEquals(0, unrolled.output().sub(expected).abs().max().getDouble(), 1e-12, cell);
        assertEquals(0, unrolled.state().get(0).sub(hidden.get(":, -1, :")).abs().max().getDouble(), 1e-12, cell);

        // One step at a time, and in chunks with truncation: the same values.
        List<NDArray> state = network.initialState(manager, BATCH);
        for (int t = 0; t < STEPS; t++) {
          RecurrentNetwork.Output step = network.step(inputs.get(":, {}, :", t), state);
          assertEquals(0, step.output().sub(expected.get(":, {}, :", t)).abs().max().getDouble(), 1e-12, cell);
          state = step.state();
        }
        RecurrentNetwork.Output chunked = network.sequence(inputs, network.initialState(manager, BATCH), 3);
        assertEquals(0, chunked.output().sub(expected).abs().max().getDouble(), 1e-12, cell);
        for (int i = 0; i < state.size(); i++) {
          assertEquals(0, chunked.state().get(i).sub(state.get(i)).abs().max().getDouble(), 1e-12, cell);
        }

        // The bound engine's many-to-one net (embedding folded into the cell) gives the output at the last step.
        Network history = network.history(STEPS);
        assertEquals(new Shape(STEPS, FEATURES), history.inputShape());
        assertEquals(cell, history.layers().get(0).type());
        assertEquals(0, history.forward(inputs).sub(expected.get(":, -1, :")).abs().max().getDouble(), 1e-12, cell);
      }
    }
  }

  @Test
  void truncationStopsGradientsAtChunkBoundariesButNotTheValues() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RecurrentNetwork network = NetworkSpec.recurrent("lstm", 8, 6, 2, 1.0)
          .buildRecurrent(new Shape(FEATURES), manager, DataType.FLOAT32, 5);
      for (int truncation : new int[] {3, STEPS}) {
        NDArray inputs = sequences(manager, DataType.FLOAT32);
        inputs.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray last = network.sequence(inputs, network.initialState(manager, BATCH), truncation).output()
              .get(":, -1, :");
          collector.backward(last.sum());
        }
        // The last chunk starts at step 6 (truncation 3) or 0 (no truncation).
        float early = inputs.getGradient().get(":, 0, :").abs().sum().getFloat();
        float late = inputs.getGradient().get(":, 6, :").abs().sum().getFloat();
        assertTrue(late > 0);
        assertEquals(truncation == 3, early == 0, "gradient at the first step " + early);
      }
    }
  }

  @Test
  void atlasArchitectureHasALinearEmbeddingACellAndAHead() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NetworkSpec spec = NetworkSpec.recurrent("lstm", 64, 64, 3, 1.0);
      assertTrue(spec.isRecurrent());
      assertEquals(List.of("linear", "lstm", "linear"), spec.layers().stream().map(LayerSpec::type).toList());
      RecurrentNetwork network = spec.buildRecurrent(new Shape(11), manager, DataType.FLOAT32, 1);
      assertEquals(new Shape(3), network.outputShape());
      Lstm cell = (Lstm) network.cell();
      assertEquals(new Shape(256, 64), cell.weightIh().getShape());
      float bound = (float) (1 / Math.sqrt(64));
      assertTrue(cell.weightHh().abs().max().getFloat() <= bound, "PyTorch's default U(±1/sqrt(hidden))");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> spec.build(new Shape(11), manager, DataType.FLOAT32, 1));
      assertTrue(e.getMessage().contains("buildRecurrent"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new LayerSpec("gru", 8, 0, 0, 0, 0, 1.0));
    }
  }
}
