package org.samdp.bounds.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The engine's float32 convolution gradient with respect to its input, which CNN training, PGD on CNNs and α-CROWN's
 * slopes through convolutions rely on, equals the float64 one. oneDNN's AVX-512 kernel fails this for batches of
 * more than one (errors of the order of the gradient itself); {@code ONEDNN_MAX_CPU_ISA=AVX2}, set by {@code ./samdp}
 * and the build, avoids it.
 */
class ConvolutionGradientTest {
  @Test
  void float32InputGradientEqualsFloat64ForBatches() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(5);
      for (int batch : new int[] {1, 2, 3, 8, 33}) {
        NDArray x = manager.randomUniform(-1, 1, new Shape(batch, 3, 4, 4), DataType.FLOAT64);
        NDArray w = manager.randomUniform(-1, 1, new Shape(8, 3, 2, 2), DataType.FLOAT64);
        NDArray weights = manager.randomUniform(-1, 1, new Shape(batch, 8, 5, 5), DataType.FLOAT64);
        NDArray exact = inputGradient(x, w, weights);
        NDArray single = inputGradient(x.toType(DataType.FLOAT32, false), w.toType(DataType.FLOAT32, false),
            weights.toType(DataType.FLOAT32, false)).toType(DataType.FLOAT64, false);
        double error = single.sub(exact).abs().max().getDouble();
        assertTrue(error < 1e-5, "batch " + batch + ": float32 input gradient off by " + error
            + " (is ONEDNN_MAX_CPU_ISA=AVX2 set?)");
      }
    }
  }

  /** The gradient of {@code sum(conv(x, w) * weights)} with respect to x (stride 1, padding 1: a shape that showed it). */
  private static NDArray inputGradient(NDArray x, NDArray w, NDArray weights) {
    NDArray input = x.duplicate();
    input.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y = Conv2d.conv2d(input, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
          .singletonOrThrow();
      collector.backward(y.mul(weights).sum());
    }
    return input.getGradient().duplicate();
  }
}
