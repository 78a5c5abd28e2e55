package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.classic.Rollout.assertClose;
import static org.samdp.envs.classic.Rollout.repeat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.DType;

class PendulumTest {

  private static Pendulum resetPendulum() {
    Pendulum env = new Pendulum();
    env.reset(0);
    return env;
  }

  @Test
  void spacesMatchGymnasium() {
    Pendulum env = new Pendulum();
    assertArrayEquals(new double[] {1, 1, 8}, env.observationSpace().high());
    assertArrayEquals(new double[] {-1, -1, -8}, env.observationSpace().low());
    assertEquals(DType.FLOAT32, env.observationSpace().dtype());
    assertArrayEquals(new int[] {1}, env.actionSpace().shape());
    assertArrayEquals(new double[] {-2}, env.actionSpace().low());
    assertArrayEquals(new double[] {2}, env.actionSpace().high());
    assertEquals(DType.FLOAT32, env.actionSpace().dtype());
  }

  @Test
  void angleNormalizeWrapsIntoHalfOpenInterval() {
    assertEquals(0.0, Pendulum.angleNormalize(0.0));
    assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), "π maps to −π: the interval is [−π, π)");
    assertEquals(-Math.PI, Pendulum.angleNormalize(-Math.PI));
    assertEquals(7 - 2 * Math.PI, Pendulum.angleNormalize(7), 1e-15);
    assertEquals(-7 + 2 * Math.PI, Pendulum.angleNormalize(-7), 1e-15);
    assertEquals(0.5, Pendulum.angleNormalize(0.5 - 6 * Math.PI), 1e-14);
  }

  @Test
  void costIsThatOfThePreStepStateAndAction() {
    Pendulum env = resetPendulum();
    env.setState(new double[] {1.0, 0.5});
    double reward = env.step(new double[] {0.7}).reward();
    assertEquals(-(1.0 + 0.1 * 0.25 + 0.001 * 0.49), reward, 1e-15);
    env.setState(new double[] {-3.0 + 2 * Math.PI, 0});
    assertEquals(-9.0, env.step(new double[] {0}).reward(), 1e-12, "the angle is wrapped before it is squared");
  }

  @Test
  void semiImplicitEulerWithClippedSpeed() {
    Pendulum env = resetPendulum();
    env.setState(new double[] {0.3, 1.0});
    env.step(new double[] {1.5});
    double thetaDot = 1.0 + (15 * Math.sin(0.3) + 3 * 1.5) * 0.05;
    assertArrayEquals(new double[] {0.3 + thetaDot * 0.05, thetaDot}, env.state(), 1e-15,
        "the new speed moves the angle");

    env.setState(new double[] {Math.PI / 2, 7.99});
    Step<double[]> step = env.step(new double[] {2});
    assertEquals(8.0, step.observation()[2], "the speed is clipped to 8");
    assertEquals(Math.PI / 2 + 8 * 0.05, env.state()[0], 1e-15);
  }

  @Test
  void stateAngleIsNotWrapped() {
    Pendulum env = resetPendulum();
    env.setState(new double[] {3.1, 8});
    env.step(new double[] {0});
    assertTrue(env.state()[0] > Math.PI);
  }

  @Test
  void neverTerminatesAndTheTimeLimitTruncatesAt200() {
    @SuppressWarnings("unchecked")
    Env<double[], double[]> env = (Env<double[], double[]>) EnvRegistry.make("Pendulum-v1");
    env.reset(5);
    for (int t = 1; t <= 200; t++) {
      Step<double[]> step = env.step(new double[] {2});
      assertFalse(step.terminated());
      assertEquals(t == 200, step.truncated(), "step " + t);
    }
  }

  @Test
  void gravityIsAConstructorArgument() {
    Env<?, ?> env = EnvRegistry.make("Pendulum-v1", Map.of("g", 9.81), null);
    Pendulum pendulum = (Pendulum) env.unwrapped();
    assertEquals(9.81, pendulum.g());
    assertEquals(10.0, ((Pendulum) EnvRegistry.make("Pendulum-v1").unwrapped()).g());
    pendulum.reset(1);
    pendulum.setState(new double[] {1.0, 0.5});
    Rollout run = Rollout.run(pendulum, repeat(10, new double[] {(float) 0.7}));
    // Gymnasium 1.3.0 (numpy 2.4.6), gym.make("Pendulum-v1", g=9.81), same state and float32 actions.
    assertClose(new double[] {-0.9833925366401672, -0.18149127066135406, 7.428175926208496}, run.lastObservation(),
        1e-6);
    assertEquals(-55.13371244690079, run.totalReward(), 1e-6 * 55.13);
  }
}
