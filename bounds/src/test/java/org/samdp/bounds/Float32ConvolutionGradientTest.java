package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.certify.Margins;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * CROWN-IBP through a float32 convolution, as SA-DQN trains a MinAtar agent, has the gradients with respect to the
 * weights that the same network has in float64, under the oneDNN settings samdp runs with (AVX2 kernels: the tests set
 * them as the launcher does). The transposed convolution of the backward pass once made every gradient NaN on some
 * CPUs, and then, computed in float64 behind a type conversion that autograd does not follow, dropped its share of
 * the gradients.
 */
class Float32ConvolutionGradientTest {
  @Test
  void crownIbpMarginsThroughAMinAtarConvolutionHaveTheFloat64Gradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = Network.builder(new Shape(4, 10, 10)).conv2d(16, 3, 1, 0).relu().flatten().linear(128).relu()
          .dueling(64, 3).build(manager, DataType.FLOAT32, 5);
      // Sparse binary frames, as MinAtar's; the loss is SA-DQN's hinge on the worst margin.
      NDArray states = manager.randomUniform(0, 1, new Shape(32, 4, 10, 10)).lt(0.1f).toType(DataType.FLOAT32, false);
      NDArray actions = network.forward(states).argMax(1);
      Network wide = network.mapParameters(p -> p.toType(DataType.FLOAT64, true));
      List<NDArray> single = gradients(network, states, actions, DataType.FLOAT32);
      List<NDArray> reference = gradients(wide, states.toType(DataType.FLOAT64, false), actions, DataType.FLOAT64);
      for (int p = 0; p < single.size(); p++) {
        NDArray expected = reference.get(p);
        // Zero for the value stream, which margins between actions cancel.
        double scale = expected.abs().max().getDouble();
        double error = single.get(p).toType(DataType.FLOAT64, false).sub(expected).abs().max().getDouble();
        // NaN fails too: NaN <= x is false.
        assertTrue(error <= 1e-3 * scale, "parameter " + p + ": gradient off by " + error + " of " + scale);
      }
      assertEquals(reference.size(), single.size());
    }
  }

  private static List<NDArray> gradients(Network network, NDArray states, NDArray actions, DataType type) {
    network.parameters().forEach(p -> p.setRequiresGradient(true));
    NDArray spec = Margins.against(actions, 3, type);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      Bounds bounds = new BoundedNetwork(network).compute(LpBall.of(states, Norm.INF, 0.005).clippedTo(0, 1),
          BoundMethod.CROWN_IBP, spec, BoundSide.LOWER);
      collector.backward(Scalars.maximum(bounds.lower().min(new int[] {1}).neg(), -0.1).mean());
    }
    return network.parameters().stream().map(NDArray::getGradient).toList();
  }
}
