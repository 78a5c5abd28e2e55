package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;

class CartPoleTest {
  // 12 * 2 * math.pi / 360 in Python.
  private static final double THETA_THRESHOLD = 0.20943951023931953;

  /**
   * Starts an episode in a state and steps once; with zero velocities the position and angle stay exactly where they
   * were set.
   */
  private static Step<double[]> stepFrom(CartPole env, double x, double theta) {
    env.reset(0);
    env.setState(new double[] {x, 0, theta, 0});
    return env.step(1);
  }

  @Test
  void spacesMatchGymnasium() {
    CartPole env = new CartPole();
    double inf = Double.POSITIVE_INFINITY;
    assertArrayEquals(new double[] {4.8f, inf, 0.41887903213500977, inf}, env.observationSpace().high());
    assertArrayEquals(new double[] {-4.8f, -inf, -0.41887903213500977, -inf}, env.observationSpace().low());
    assertEquals(DType.FLOAT32, env.observationSpace().dtype());
    assertEquals(new Discrete(2), env.actionSpace());
  }

  @Test
  void terminationThresholdsAreStrict() {
    CartPole env = new CartPole();
    for (double bound : new double[] {2.4, -2.4}) {
      assertFalse(stepFrom(env, bound, 0).terminated(), "x = " + bound + " is still inside");
      assertTrue(stepFrom(env, bound > 0 ? Math.nextUp(bound) : Math.nextDown(bound), 0).terminated());
    }
    for (double bound : new double[] {THETA_THRESHOLD, -THETA_THRESHOLD}) {
      assertFalse(stepFrom(env, 0, bound).terminated(), "theta = " + bound + " is still inside");
      assertTrue(stepFrom(env, 0, bound > 0 ? Math.nextUp(bound) : Math.nextDown(bound)).terminated());
    }
  }

  @Test
  void pushesLeftWithActionZeroAndRightWithActionOne() {
    CartPole env = new CartPole();
    env.reset(0);
    env.setState(new double[4]);
    assertTrue(env.step(1).observation()[3] < 0, "pushing right tips the pole left");
    env.setState(new double[4]);
    env.step(0);
    assertTrue(env.state()[1] < 0, "pushing left moves the cart left");
  }

  @Test
  void rewardIsOneUntilTerminationAndZeroAfterIt() {
    CartPole env = new CartPole();
    assertEquals(1.0, stepFrom(env, 0, 0).reward());
    Step<double[]> terminal = stepFrom(env, 2.5, 0);
    assertTrue(terminal.terminated());
    assertEquals(1.0, terminal.reward(), "the terminating step is rewarded");
    for (int i = 0; i < 3; i++) {
      Step<double[]> beyond = env.step(1);
      assertTrue(beyond.terminated());
      assertEquals(0.0, beyond.reward(), "steps after termination earn nothing");
    }
    assertEquals(1.0, stepFrom(env, 2.5, 0).reward(), "reset starts a new episode");
  }

  @Test
  void suttonBartoRewardPunishesOnlyTheEnd() {
    CartPole env = new CartPole(true);
    assertEquals(0.0, stepFrom(env, 0, 0).reward());
    assertEquals(-1.0, stepFrom(env, 2.5, 0).reward());
    // As Gymnasium: steps after termination keep returning -1.
    assertEquals(-1.0, env.step(0).reward());
  }

  @Test
  void resetOptionsBoundEveryStateEntry() {
    CartPole env = new CartPole();
    for (long seed = 0; seed < 20; seed++) {
      env.reset(seed, Map.of("low", 0.1, "high", 0.2));
      for (double v : env.state()) {
        assertTrue(v >= 0.1 && v < 0.2, "state entry " + v);
      }
    }
    env.reset(3L, Map.of("low", 0.5, "high", 0.5));
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, env.state(), "a degenerate range is allowed");
  }
}
