package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;

/** Both mountain cars. */
class MountainCarTest {
  private static final double[] PUSH_NONE = {0.0};

  /** The velocity that gravity cancels exactly in one coasting step from {@code position}. */
  private static double balancingVelocity(double position) {
    return 0.0025 * Math.cos(3 * position);
  }

  private static MountainCar discreteAt(double position, double velocity) {
    MountainCar env = new MountainCar();
    env.reset(0);
    env.setState(new double[] {position, velocity});
    return env;
  }

  private static MountainCarContinuous continuousAt(double position, double velocity) {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(0);
    env.setState(new double[] {position, velocity});
    return env;
  }

  @Test
  void spacesMatchGymnasium() {
    MountainCar discrete = new MountainCar();
    MountainCarContinuous continuous = new MountainCarContinuous();
    for (Box space : new Box[] {discrete.observationSpace(), continuous.observationSpace()}) {
      assertArrayEquals(new double[] {-1.2f, -0.07f}, space.low());
      assertArrayEquals(new double[] {0.6f, 0.07f}, space.high());
      assertEquals(DType.FLOAT32, space.dtype());
    }
    assertEquals(new Discrete(3), discrete.actionSpace());
    assertArrayEquals(new double[] {-1}, continuous.actionSpace().low());
    assertArrayEquals(new double[] {1}, continuous.actionSpace().high());
    assertArrayEquals(new int[] {1}, continuous.actionSpace().shape());
    assertEquals(DType.FLOAT32, continuous.actionSpace().dtype());
  }

  @Test
  void goalTestIsInclusiveInPositionAndVelocity() {
    // Coasting from p = 0.5 with the velocity gravity cancels ends exactly at p = 0.5, v = 0.
    assertTrue(discreteAt(0.5, balancingVelocity(0.5)).step(1).terminated());
    assertArrayEquals(new double[] {0.5, 0.0}, discreteAt(0.5, balancingVelocity(0.5)).step(1).observation());
    double below = Math.nextDown(0.5);
    assertFalse(discreteAt(below, balancingVelocity(below)).step(1).terminated(), "just short of the flag");
    assertFalse(discreteAt(0.5, Math.nextDown(balancingVelocity(0.5))).step(1).terminated(), "rolling back");
  }

  @Test
  void goalVelocityIsAConstructorArgument() {
    Env<?, ?> env = EnvRegistry.make("MountainCar-v0", Map.of("goal_velocity", 0.01), null);
    MountainCar car = (MountainCar) env.unwrapped();
    car.reset(0);
    car.setState(new double[] {0.5, balancingVelocity(0.5)});
    assertFalse(car.step(1).terminated(), "v = 0 is below the goal velocity 0.01");
    car.setState(new double[] {0.5, balancingVelocity(0.5) + 0.02});
    assertTrue(car.step(1).terminated());
  }

  @Test
  void actionsPushLeftCoastAndPushRight() {
    double coast = discreteAt(-0.5, 0).step(1).observation()[1];
    assertEquals(coast - 0.001, discreteAt(-0.5, 0).step(0).observation()[1], 1e-9);
    assertEquals(coast + 0.001, discreteAt(-0.5, 0).step(2).observation()[1], 1e-9);
    assertEquals(-1.0, discreteAt(-0.5, 0).step(2).reward());
  }

  @Test
  void speedIsClippedAndTheLeftWallStopsTheCar() {
    assertEquals((float) 0.07, discreteAt(-0.5, 0.0699).step(2).observation()[1], "speed limit");
    assertEquals((float) -0.07, discreteAt(-0.2, -0.0699).step(0).observation()[1], "speed limit");

    MountainCar atWall = discreteAt(-1.2, -0.01);
    atWall.step(0);
    assertArrayEquals(new double[] {-1.2, 0.0}, atWall.state(), "the wall clips p and zeroes v");
    MountainCar nearWall = discreteAt(-1.15, -0.05);
    nearWall.step(0);
    assertTrue(nearWall.state()[0] > -1.2 && nearWall.state()[1] < 0, "away from the wall the car keeps rolling");
  }

  @Test
  void continuousCarStoresFloat32StateAfterEveryStepButNotAtReset() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(42);
    // Gymnasium 1.3.0's unwrapped.state after reset(seed=42): float64.
    assertEquals(-0.44520879028880733, env.state()[0]);
    for (int t = 0; t < 5; t++) {
      env.step(new double[] {0.3});
      for (double v : env.state()) {
        assertEquals((float) v, v, "state entry " + v + " is float32");
      }
    }
  }

  @Test
  void continuousRewardIsHundredAtTheGoalMinusTheActionCost() {
    // float32 cannot hold 0.45: 0.45f lies just below the flag, the next float32 just above it.
    float below = 0.45f;
    float above = Math.nextUp(below);
    assertTrue(below < 0.45 && above > 0.45);
    Step<double[]> atGoal = continuousAt(above, balancingVelocity(above)).step(PUSH_NONE);
    assertTrue(atGoal.terminated());
    assertEquals(100.0, atGoal.reward());

    Step<double[]> shortOfGoal = continuousAt(below, balancingVelocity(below)).step(PUSH_NONE);
    assertFalse(shortOfGoal.terminated());
    assertEquals(0.0, shortOfGoal.reward());

    assertEquals(-0.6 * 0.6 * 0.1, continuousAt(-0.5, 0).step(new double[] {-0.6}).reward(), 1e-17);
  }

  @Test
  void continuousForceIsScaledByThePower() {
    double coast = continuousAt(-0.5, 0).step(PUSH_NONE).observation()[1];
    assertEquals(coast + 0.0015 * 0.5, continuousAt(-0.5, 0).step(new double[] {0.5}).observation()[1], 1e-9);
  }

  @Test
  void resetDrawsPositionFromTheRangeWithZeroVelocity() {
    MountainCar env = new MountainCar();
    for (long seed = 0; seed < 20; seed++) {
      double[] observation = env.reset(seed, Map.of()).observation();
      assertTrue(observation[0] >= (float) -0.6 && observation[0] <= (float) -0.4, "p = " + observation[0]);
      assertEquals(0.0, observation[1]);
    }
  }
}
