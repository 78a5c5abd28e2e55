package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The gradients of arithmetic with numbers stay exact when the garbage collector runs between the forward and the
 * backward pass and fresh direct buffers full of NaN take the freed memory (what breaks DJL's {@code mul(Number)}).
 */
class ScalarsTest {

  private static float[] gradient(NDManager manager, UnaryOperator<NDArray> f) {
    NDArray x = manager.create(new float[] {-2, -0.5f, 0.5f, 3});
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y = f.apply(x).sum();
      System.gc();
      List<ByteBuffer> poison = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8);
        buffer.putDouble(0, Double.NaN);
        poison.add(buffer);
      }
      collector.backward(y);
    }
    return x.getGradient().toFloatArray();
  }

  @Test
  void gradientsThroughNumbersSurviveGarbageCollection() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int trial = 0; trial < 20; trial++) {
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, gradient(manager, x -> Scalars.mul(x, 2.5)));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradient(manager, x -> Scalars.div(x, 2)));
        assertArrayEquals(new float[] {0, 0, 1, 1}, gradient(manager, x -> Scalars.maximum(x, 0)));
        assertArrayEquals(new float[] {1, 1, 0, 0}, gradient(manager, x -> Scalars.minimum(x, 0)));
        assertArrayEquals(new float[] {0, 0, 1, 1}, gradient(manager, Scalars::relu));
      }
    }
  }
}
