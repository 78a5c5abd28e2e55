package org.samdp.agents.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientsTest {

  /** Adds {@code gradient} to the gradient of {@code parameter} through a linear loss. */
  private static void addGradient(NDArray parameter, float[] gradient) {
    try (GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      collector.backward(parameter.mul(parameter.getManager().create(gradient)).sum());
    }
  }

  @Test
  void clearingNonFiniteGradientsLetsTheNextBackwardPassStartFromZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray theta = manager.create(new float[] {1, 2, 3});
      theta.setRequiresGradient(true);
      addGradient(theta, new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1});
      try (Gradients gradients = Gradients.of(List.of(theta))) {
        assertFalse(gradients.areFinite());
        gradients.clear();
      }
      addGradient(theta, new float[] {0.5f, -1, 2});
      try (Gradients gradients = Gradients.of(List.of(theta))) {
        assertTrue(gradients.areFinite(), "a skipped step does not poison the steps after it");
        assertArrayEquals(new float[] {0.5f, -1, 2}, gradients.get(0).toFloatArray());
      }
    }
  }
}
