package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ε_t and the CROWN-IBP weight rise per minibatch over the ramp, as the SA-PPO authors' scheduler does. */
class PpoScheduleTest {
  @Test
  void theRampRisesThroughEachIterationAndHoldsAfterIt() {
    // 20 iterations of 2048 steps, the ramp over the first half: 10 iterations.
    PpoConfig.Robust robust = new PpoConfig.Robust(0.1, 0.075, 0.5, PpoConfig.Solver.CONVEX, 10, 1e-5, 1, 0, false,
        false, true);
    PpoConfig config = new PpoConfig("Hopper-v4", 1, 20 * 2048, 1, PpoConfig.Ppo.DEFAULTS, PpoConfig.Recurrent.OFF,
        robust, PpoConfig.Run.DEFAULTS);
    assertEquals(10, config.rampIterations());
    assertEquals(0.075 * 0.25, config.epsilon(2.5), 1e-12, "half way through iteration 3");
    assertEquals(0.075 * 0.3, config.epsilon(3), 1e-12, "the end of iteration 3");
    assertEquals(0.075, config.epsilon(15), 1e-12);
    assertEquals(0.75, config.crownIbpWeight(2.5), 1e-12, "from 1 towards 0 with ε_t");
    assertEquals(0, config.crownIbpWeight(12), 1e-12);
  }
}
