package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
    return gradient(manager, f, DataType.FLOAT32);
  }

  /** The gradient at (-2, -0.5, 0.5, 3) in the given type, with poisoned freed memory before the backward pass. */
  private static float[] gradient(NDManager manager, UnaryOperator<NDArray> f, DataType type) {
    NDArray x = manager.create(new float[] {-2, -0.5f, 0.5f, 3}).toType(type, false);
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
    return x.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
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

  /**
   * In float64 no type conversion copies the number into the engine's memory, and DJL's {@code toType} returns a view
   * of the freed buffer even when asked to copy: the constant must be cloned.
   */
  @Test
  void float64ConstantsOwnTheirMemory() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int trial = 0; trial < 20; trial++) {
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f},
            gradient(manager, x -> Scalars.mul(x, 2.5), DataType.FLOAT64));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f},
            gradient(manager, x -> Scalars.div(x, 2), DataType.FLOAT64));
        assertArrayEquals(new float[] {0, 0, 1, 1}, gradient(manager, x -> Scalars.maximum(x, 0), DataType.FLOAT64));
      }
    }
  }
}
