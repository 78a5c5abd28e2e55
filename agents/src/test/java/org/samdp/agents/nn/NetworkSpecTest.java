package org.samdp.agents.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;

class NetworkSpecTest {

  @Test
  void orthogonalWeightsHaveOrthonormalRowsOrColumnsTimesTheGain() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NetworkSpec spec = NetworkSpec.mlp(List.of(64, 64), "tanh", 3, 0.01);
      Network network = spec.build(new Shape(11), manager, DataType.FLOAT64, 7);
      Linear first = (Linear) network.layers().get(0); // [64, 11]: tall, columns orthonormal
      Linear last = (Linear) network.layers().get(4); // [3, 64]: wide, rows orthonormal
      assertGram(first.weight().transpose().matMul(first.weight()), 2.0);
      assertGram(last.weight().matMul(last.weight().transpose()), 1e-4);
      assertEquals(0.0, first.bias().abs().sum().getDouble(), 0.0);
    }
  }

  private static void assertGram(NDArray gram, double expectedDiagonal) {
    int n = Math.toIntExact(gram.getShape().get(0));
    double[] values = gram.toDoubleArray();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(i == j ? expectedDiagonal : 0.0, values[i * n + j], 1e-9 * Math.max(1, expectedDiagonal));
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NetworkSpec spec = NetworkSpec.mlp(List.of(8), "relu", 2, 1.0);
      float[] a = spec.build(new Shape(4), manager, DataType.FLOAT32, 1).parameters().get(0).toFloatArray();
      float[] b = spec.build(new Shape(4), manager, DataType.FLOAT32, 1).parameters().get(0).toFloatArray();
      float[] c = spec.build(new Shape(4), manager, DataType.FLOAT32, 2).parameters().get(0).toFloatArray();
      assertArrayEquals(a, b);
      assertEquals(false, java.util.Arrays.equals(a, c));
    }
  }

  @Test
  void theAtariNetworkBuildsOnStackedFrames() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = NetworkSpec.atari(List.of(LayerSpec.dueling(512, 6)))
          .build(new Shape(4, 84, 84), manager, DataType.FLOAT32, 3);
      assertEquals(new Shape(6), network.outputShape());
      assertEquals(new Shape(2, 6), network.forward(manager.zeros(new Shape(2, 4, 84, 84))).getShape());
    }
  }

  @Test
  void badSpecsAreRejectedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("softmax"));
    assertThrows(IllegalArgumentException.class, () -> NetworkSpec.mlp(List.of(8), "gelu", 2, 1.0));
    try (NDManager manager = NDManager.newBaseManager()) {
      NetworkSpec conv = new NetworkSpec(List.of(LayerSpec.conv2d(4, 9, 1, 0, 1.0)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> conv.build(new Shape(1, 5, 5), manager, DataType.FLOAT32, 0));
      assertEquals(true, e.getMessage().startsWith("layer 0 (conv2d)"), e.getMessage());
    }
  }
}
