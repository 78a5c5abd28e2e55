package org.samdp.agents.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

  /** Sets the gradient of {@code parameter} to {@code gradient} through a linear loss. */
  private static void setGradient(NDArray parameter, float[] gradient) {
    try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      collector.backward(parameter.mul(parameter.getManager().create(gradient)).sum());
    }
  }

  @Test
  void stepsMatchPyTorchAdamComputedByHand() {
    // Values from torch.optim.Adam's update rule, written out in double precision:
    // m ← 0.9 m + 0.1 g, v ← 0.999 v + 0.001 g², θ ← θ − lr/(1−0.9^t) · m / (sqrt(v)/sqrt(1−0.999^t) + eps).
    double[][] expected = {{0.9000004999975, -0.5999980000399993}, {0.8733669645020137, -0.6932136053781438},
        {0.8393243071113864, -0.643600089651515}};
    float[][] gradients = {{2.0f, 0.5f}, {-1.0f, 0.25f}, {0.5f, -3.0f}};
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray theta = manager.create(new float[] {1.0f, -0.5f});
      theta.setRequiresGradient(true);
      Adam adam = new Adam(List.of(theta), manager, 0.1, 1e-5);
      for (int t = 0; t < 3; t++) {
        setGradient(theta, gradients[t]);
        adam.step();
        float[] values = theta.toFloatArray();
        // The fused kernel forms 1 − β2 in float32: agreement to ~1e-5 relative (see Adam#step).
        assertEquals(expected[t][0], values[0], 1e-5 * Math.abs(expected[t][0]), "step " + (t + 1));
        assertEquals(expected[t][1], values[1], 1e-5 * Math.abs(expected[t][1]), "step " + (t + 1));
      }
      assertEquals(3, adam.stepCount());
    }
  }

  @Test
  void restoredStateContinuesBitForBit() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {0.3f, -0.2f, 0.7f});
      NDArray b = manager.create(new float[] {0.3f, -0.2f, 0.7f});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      Adam first = new Adam(List.of(a), manager, 0.01, 1e-5);
      for (int t = 0; t < 4; t++) {
        setGradient(a, new float[] {t, -1, 0.5f * t});
        first.step();
      }
      b.set(a.toFloatArray());
      Adam second = new Adam(List.of(b), manager, 0.5, 1e-5);
      second.restore(first.state());
      for (int t = 0; t < 3; t++) {
        setGradient(a, new float[] {1, t, -t});
        setGradient(b, new float[] {1, t, -t});
        first.setLearningRate(0.01 / (t + 1));
        second.setLearningRate(0.01 / (t + 1));
        first.step();
        second.step();
      }
      assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
  }

  @Test
  void gradientClippingScalesTheJointNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {0, 0});
      NDArray b = manager.create(new float[] {0});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      setGradient(a, new float[] {3, 0});
      setGradient(b, new float[] {4});
      double norm = GradientClipping.clipNorm(List.of(a, b), 1.0);
      assertEquals(5.0, norm, 1e-6);
      assertEquals(3.0 / 5, a.getGradient().toFloatArray()[0], 1e-6);
      assertEquals(4.0 / 5, b.getGradient().toFloatArray()[0], 1e-6);
    }
  }
}
