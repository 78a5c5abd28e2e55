package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** GAE and the PPO losses against values worked out by hand. */
class PpoLossTest {

  @Test
  void gaeMatchesHandComputedAdvantagesAcrossAnEpisodeEnd() {
    // Two envs, time-major. Env 0: r = (1, 2, 3), V = (0.5, 1, 1.5), its episode ends at t = 1, V(next) = 2.
    //   A_2 = 3 + 0.9·2 − 1.5 = 3.3; A_1 = 2 − 1 = 1 (no bootstrap across the end);
    //   A_0 = (1 + 0.9·1 − 0.5) + 0.9·0.8·1 = 2.12.
    // Env 1: r = (0, 0, 1), V = 0, no end, V(next) = 1: A_2 = 1.9, A_1 = 0.72·1.9 = 1.368, A_0 = 0.72·1.368.
    double[] rewards = {1, 0, 2, 0, 3, 1};
    double[] values = {0.5, 0, 1.0, 0, 1.5, 0};
    boolean[] ended = {false, false, true, false, false, false};
    double[] advantages = Gae.advantages(rewards, values, ended, new double[] {2.0, 1.0}, 0.9, 0.8);
    assertArrayEquals(new double[] {2.12, 0.72 * 1.368, 1.0, 1.368, 3.3, 1.9}, advantages, 1e-12);
    assertArrayEquals(new double[] {2.62, 0.72 * 1.368, 2.0, 1.368, 4.8, 1.9}, Gae.returns(advantages, values),
        1e-12);
  }

  @Test
  void clippedSurrogateMatchesHandComputedValueAndGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // min(r·A, clip(r, 0.8, 1.2)·A) per sample: min(0.5, 0.8) = 0.5; min(1.5, 1.2) = 1.2; min(−2.2, −2.2) = −2.2;
      // min(−0.7, −0.8) = −0.8. Loss = −mean = 0.325. The gradient flows only where the unclipped term is the
      // minimum: −A/4 for samples 0 and 2, zero for the clipped samples 1 and 3.
      NDArray ratio = manager.create(new float[] {0.5f, 1.5f, 1.1f, 0.7f});
      NDArray advantages = manager.create(new float[] {1, 1, -2, -1});
      ratio.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = PpoLearner.clippedSurrogateLoss(ratio, advantages, 0.2, null);
        assertEquals(0.325, loss.getFloat(), 1e-6);
        collector.backward(loss);
      }
      assertArrayEquals(new float[] {-0.25f, 0, 0.5f, 0}, ratio.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void valueLossTakesTheLargerOfClippedAndUnclippedErrors() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray values = manager.create(new float[] {1.0f, 2.0f, 0.6f});
      NDArray oldValues = manager.create(new float[] {0.0f, 2.1f, 0.0f});
      NDArray returns = manager.create(new float[] {0.5f, 3.0f, 1.0f});
      // Unclipped errors 0.25, 1.0, 0.16; clipped values 0.2, 2.0, 0.2 give 0.09, 1.0, 0.64.
      assertEquals(0.5 * (0.25 + 1.0 + 0.64) / 3,
          PpoLearner.valueLoss(values, oldValues, returns, true, 0.2, null).getFloat(), 1e-6);
      assertEquals(0.5 * (0.25 + 1.0 + 0.16) / 3,
          PpoLearner.valueLoss(values, oldValues, returns, false, 0.2, null).getFloat(), 1e-6);
    }
  }
}
