package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.certify.Margins;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * CROWN-IBP through a float32 convolution, as SA-DQN trains a MinAtar agent, has finite gradients with respect to the
 * weights under the oneDNN settings samdp runs with (AVX2 kernels: the tests set them as the launcher does), where the
 * transposed convolution of the backward pass once made every gradient NaN.
 */
class Float32ConvolutionGradientTest {
  @Test
  void crownIbpMarginsThroughAMinAtarConvolutionHaveFiniteGradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = Network.builder(new Shape(4, 10, 10)).conv2d(16, 3, 1, 0).relu().flatten().linear(128).relu()
          .dueling(64, 3).build(manager, DataType.FLOAT32, 5);
      // Sparse binary frames, as MinAtar's; the loss is SA-DQN's hinge on the worst margin.
      NDArray states = manager.randomUniform(0, 1, new Shape(32, 4, 10, 10)).lt(0.1f).toType(DataType.FLOAT32, false);
      NDArray spec = Margins.against(network.forward(states).argMax(1), 3, DataType.FLOAT32);
      network.parameters().forEach(p -> p.setRequiresGradient(true));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        Bounds bounds = new BoundedNetwork(network).compute(LpBall.of(states, Norm.INF, 0.005).clippedTo(0, 1),
            BoundMethod.CROWN_IBP, spec, BoundSide.LOWER);
        collector.backward(Scalars.maximum(bounds.lower().min(new int[] {1}).neg(), -0.1).mean());
      }
      long nonFinite = 0;
      for (NDArray parameter : network.parameters()) {
        NDArray gradient = parameter.getGradient();
        nonFinite += gradient.isNaN().logicalOr(gradient.isInfinite()).sum().getLong();
      }
      assertEquals(0, nonFinite, "non-finite gradient entries");
    }
  }
}
