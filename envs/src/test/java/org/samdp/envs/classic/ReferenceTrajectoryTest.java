package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samdp.envs.classic.Rollout.assertClose;
import static org.samdp.envs.classic.Rollout.repeat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the reference trajectories of the facts sheet, section B.6 (measured with Gymnasium by setting
 * {@code env.unwrapped.state} after a reset, then stepping). The sheet rounds to about 9 significant digits, so we ask
 * for 1e-8 relative agreement; the largest deviation measured was 3e-9, the sheet's own rounding.
 */
class ReferenceTrajectoryTest {
  private static final double RELATIVE = 1e-8;

  @Test
  void cartPoleAlternatingPushes() {
    CartPole env = new CartPole();
    env.reset(0);
    env.setState(new double[] {0.01, 0.02, 0.03, 0.04});
    Rollout run = Rollout.run(env, repeat(5, 1, 0));
    assertClose(new double[] {0.0331707709, 0.0165695939, 0.0162536129, 0.115669556}, run.lastObservation(), RELATIVE);
    assertEquals(10.0, run.totalReward());
    assertEquals(List.of(), run.terminatedAtSteps());
  }

  @Test
  void cartPolePushedRightFallsAtStepNineWithRewardOne() {
    CartPole env = new CartPole();
    env.reset(0);
    env.setState(new double[4]);
    Rollout run = Rollout.run(env, repeat(9, 1));
    assertEquals(List.of(9), run.terminatedAtSteps());
    assertEquals(9.0, run.totalReward(), "reward 1 on every step, the terminating one included");
    assertClose(new double[] {0.140650973, 1.7603811, -0.215186045, -2.77788639}, run.lastObservation(), RELATIVE);
  }

  @Test
  void pendulumSmallTorque() {
    Pendulum env = new Pendulum();
    env.reset(0);
    env.setState(new double[] {1.0, 0.5});
    // Gymnasium's actions are float32: 0.7 as a float.
    Rollout run = Rollout.run(env, repeat(10, new double[] {(float) 0.7}));
    assertClose(new double[] {-0.977406979, -0.211365983, 7.49553061}, run.lastObservation(), RELATIVE);
    assertEquals(-56.1899184, run.totalReward(), RELATIVE * 56.1899184);
    assertEquals(List.of(), run.terminatedAtSteps());
  }

  @Test
  void pendulumFullNegativeTorque() {
    Pendulum env = new Pendulum();
    env.reset(0);
    env.setState(new double[] {3.0, -1.0});
    Rollout run = Rollout.run(env, repeat(20, new double[] {-2.0}));
    assertClose(new double[] {-0.856354356, 0.516388655, 1.37094963}, run.lastObservation(), RELATIVE);
    assertEquals(-131.760218, run.totalReward(), RELATIVE * 131.760218);
  }

  @Test
  void mountainCarPushRight() {
    MountainCar env = new MountainCar();
    env.reset(0);
    env.setState(new double[] {-0.5, 0});
    Rollout run = Rollout.run(env, repeat(50, 2));
    assertClose(new double[] {-0.318464786, -0.0076236329}, run.lastObservation(), RELATIVE);
    assertEquals(-50.0, run.totalReward());
    assertEquals(List.of(), run.terminatedAtSteps());
  }

  @Test
  void mountainCarContinuousPushRight() {
    MountainCarContinuous env = new MountainCarContinuous();
    env.reset(0);
    env.setState(new double[] {-0.5, 0});
    Rollout run = Rollout.run(env, repeat(50, new double[] {(float) 0.8}));
    assertClose(new double[] {-0.250663102, -0.00832125451}, run.lastObservation(), RELATIVE);
    assertEquals(-3.2000001, run.totalReward(), RELATIVE * 3.2000001);
    assertEquals(List.of(), run.terminatedAtSteps());
  }

  @Test
  void acrobotPositiveTorque() {
    Acrobot env = new Acrobot();
    env.reset(0);
    env.setState(new double[] {0.05, -0.03, 0.02, 0.01});
    Rollout run = Rollout.run(env, repeat(10, 2));
    assertClose(new double[] {0.998990476, 0.0449228883, 0.989031792, 0.147702962, 0.238662779, -0.565527737},
        run.lastObservation(), RELATIVE);
    assertEquals(-10.0, run.totalReward());
  }

  @Test
  void acrobotCyclingTorques() {
    Acrobot env = new Acrobot();
    env.reset(0);
    env.setState(new double[4]);
    Rollout run = Rollout.run(env, repeat(7, 0, 2, 1));
    assertClose(new double[] {0.999827802, -0.0185560323, 0.999841571, 0.0177985802, 0.00555878133, 0.0352853052},
        run.lastObservation(), RELATIVE);
    assertEquals(-21.0, run.totalReward());
    assertEquals(List.of(), run.terminatedAtSteps());
  }
}
