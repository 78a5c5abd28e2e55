package org.samdp.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.bounds.network.Dueling;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Network;

/** The Q networks the config describes, and the dueling aggregation {@code Q = V + A − mean(A)}. */
class QNetworkTest {

  private static NDArray forward(List<Layer> layers, NDArray x) {
    NDArray y = x;
    for (Layer layer : layers) {
      y = layer.forward(y);
    }
    return y;
  }

  @Test
  void theDuelingHeadAddsTheValueToTheCentredAdvantages() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DqnConfig.QNetwork config = new DqnConfig.QNetwork(DqnConfig.NetworkKind.MLP, List.of(), List.of(8), true, 6);
      Network q = config.spec(3).build(new Shape(5), manager, DataType.FLOAT32, 11);
      SplitMix64 random = new SplitMix64(2);
      float[] values = new float[4 * 5];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      NDArray x = manager.create(values, new Shape(4, 5));
      List<Layer> layers = q.layers();
      Dueling head = assertInstanceOf(Dueling.class, layers.get(layers.size() - 1));
      NDArray features = forward(layers.subList(0, layers.size() - 1), x);
      float[] v = forward(head.value(), features).toFloatArray();
      float[] a = forward(head.advantage(), features).toFloatArray();
      float[] expected = new float[4 * 3];
      for (int b = 0; b < 4; b++) {
        float mean = (a[3 * b] + a[3 * b + 1] + a[3 * b + 2]) / 3;
        for (int k = 0; k < 3; k++) {
          expected[3 * b + k] = v[b] + a[3 * b + k] - mean;
        }
      }
      assertArrayEquals(expected, q.forward(x).toFloatArray(), 1e-5f);
    }
  }

  @Test
  void theCnnReadsImagesAndTheMlpVectors() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DqnConfig.QNetwork cnn = new DqnConfig.QNetwork(DqnConfig.NetworkKind.CNN,
          List.of(new DqnConfig.Conv(16, 3, 1)), List.of(128), true, 64);
      Network q = cnn.spec(3).build(new Shape(4, 10, 10), manager, DataType.FLOAT32, 1);
      assertEquals(List.of("conv2d", "relu", "flatten", "linear", "relu", "dueling"),
          q.layers().stream().map(Layer::type).toList());
      assertEquals(new Shape(3), q.outputShape());
      DqnConfig.QNetwork mlp = new DqnConfig.QNetwork(DqnConfig.NetworkKind.MLP, List.of(), List.of(64, 64), false, 0);
      Network plain = mlp.spec(2).build(new Shape(4), manager, DataType.FLOAT32, 1);
      assertEquals(List.of("linear", "relu", "linear", "relu", "linear"),
          plain.layers().stream().map(Layer::type).toList());
    }
  }
}
