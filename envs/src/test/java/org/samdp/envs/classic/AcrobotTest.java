package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.classic.Rollout.assertClose;

import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;

class AcrobotTest {

  private static Acrobot acrobotAt(double... state) {
    Acrobot env = new Acrobot();
    env.reset(0);
    env.setState(state);
    return env;
  }

  /** The tip's height above the pivot in link lengths, which must exceed 1 to end the episode. */
  private static double tipHeight(double[] state) {
    return -Math.cos(state[0]) - Math.cos(state[1] + state[0]);
  }

  @Test
  void spacesMatchGymnasium() {
    Acrobot env = new Acrobot();
    assertArrayEquals(new double[] {1, 1, 1, 1, (float) (4 * Math.PI), (float) (9 * Math.PI)},
        env.observationSpace().high());
    assertArrayEquals(new double[] {-1, -1, -1, -1, -12.566370964050293, -28.274333953857422},
        env.observationSpace().low());
    assertEquals(DType.FLOAT32, env.observationSpace().dtype());
    assertEquals(new Discrete(3), env.actionSpace());
  }

  @Test
  void terminationIsStrictlyAboveHeightOne() {
    // From rest at θ2 = 0, θ1 near 2.159 rad, one torque-free step lands on tip height exactly 1.0 for some start
    // (found by a search over neighbouring doubles). Every neighbour must terminate iff its height exceeds 1.
    boolean sawExactlyOne = false;
    double theta1 = 2.1589893964169273;
    for (int k = 0; k < 40; k++) {
      theta1 = Math.nextDown(theta1);
    }
    for (int k = 0; k < 80; k++) {
      Acrobot env = acrobotAt(theta1, 0, 0, 0);
      boolean terminated = env.step(1).terminated();
      double height = tipHeight(env.state());
      assertEquals(height > 1.0, terminated, "height " + height);
      sawExactlyOne |= height == 1.0;
      theta1 = Math.nextUp(theta1);
    }
    assertTrue(sawExactlyOne, "the scan must reach the boundary itself");
  }

  @Test
  void rewardIsMinusOnePerStepAndZeroWhenTheTipIsUp() {
    assertEquals(-1.0, acrobotAt(0, 0, 0, 0).step(1).reward());
    Step<double[]> up = acrobotAt(Math.PI, 0, 0, 0).step(1);
    assertTrue(up.terminated());
    assertEquals(0.0, up.reward());
  }

  @Test
  void anglesWrapAndSpeedsClipLikeGymnasium() {
    // Expected values from Gymnasium 1.3.0: unwrapped.state set to these float64 states, then one step.
    Acrobot env = acrobotAt(3.1, -3.1, 4.0, -5.0);
    env.step(0);
    assertClose(new double[] {-2.3514574435619733, 2.113611344620061, 4.481846472983902, -6.036334401025828},
        env.state(), 1e-12);

    env = acrobotAt(0, 0, 0, 40.0);
    Step<double[]> step = env.step(2);
    assertClose(new double[] {-2.926886245063732, -0.7217037951945269, -4 * Math.PI, 9 * Math.PI}, env.state(),
        1e-12);
    assertClose(new double[] {-0.9770389795303345, -0.21306058764457703, 0.7506811618804932, -0.6606646180152893,
        -12.566370964050293, 28.274333953857422}, step.observation(), 1e-7);
    assertTrue(step.terminated());

    env = acrobotAt(0, 0, 0, -40.0);
    env.step(0);
    assertClose(new double[] {2.926886245063732, 0.7217037951945269, 4 * Math.PI, -9 * Math.PI}, env.state(), 1e-12);
  }

  @Test
  void resetStateIsFloat32WithinTheRange() {
    Acrobot env = new Acrobot();
    env.reset(42);
    // Gymnasium 1.3.0's unwrapped.state after reset(seed=42).
    assertArrayEquals(new double[] {0.05479120835661888, -0.01222431194037199, 0.07171958684921265,
        0.039473604410886765}, env.state());
    for (long seed = 0; seed < 20; seed++) {
      env.reset(seed);
      for (double v : env.state()) {
        assertEquals((float) v, v);
        assertTrue(v >= (float) -0.1 && v <= (float) 0.1);
      }
    }
  }
}
