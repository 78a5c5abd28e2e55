package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samdp.envs.classic.Rollout.assertClose;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.Step;

/**
 * Whole episodes from {@code reset(seed=42)} under simple state-feedback policies agree with Gymnasium's. Expected
 * values were produced once with Gymnasium 1.3.0 on numpy 2.4.6 (same policies, float32 actions for the Box envs) and
 * are hard-coded here. Feedback policies amplify any difference in the dynamics, so agreement over hundreds of steps
 * checks the arithmetic, not only the formulas.
 */
class GymnasiumEpisodeTest {

  /** The observation, return and length of an episode that ends on termination or after {@code maxSteps}. */
  private record Episode(double[] lastObservation, double totalReward, int length) {}

  private static <A> Episode play(Env<double[], A> env, Function<double[], A> policy, int maxSteps) {
    double[] observation = env.reset(42).observation();
    double total = 0;
    for (int t = 1; t <= maxSteps; t++) {
      Step<double[]> step = env.step(policy.apply(observation));
      observation = step.observation();
      total += step.reward();
      if (step.terminated()) {
        return new Episode(observation, total, t);
      }
    }
    return new Episode(observation, total, maxSteps);
  }

  @Test
  void cartPoleBalancesFor500StepsIdentically() {
    Episode episode = play(new CartPole(), o -> o[2] + 0.5 * o[3] > 0 ? 1 : 0, 500);
    assertEquals(500, episode.length());
    assertEquals(500.0, episode.totalReward());
    assertArrayEquals(new double[] {1.7590363025665283, -0.01847539097070694, -0.0005413996404968202,
        0.2924554944038391}, episode.lastObservation());
  }

  @Test
  void pendulumPumpedByTheSignOfItsSpeed() {
    Episode episode = play(new Pendulum(), o -> new double[] {o[2] >= 0 ? 2.0 : -2.0}, 200);
    assertArrayEquals(new double[] {-0.9538406729698181, 0.3003131151199341, 8.0}, episode.lastObservation());
    // numpy 2 squares the float32 action in float32; we do it in double: 2e-11 relative over the episode.
    assertEquals(-1628.2047167020678, episode.totalReward(), 1e-9 * 1628.2);
  }

  @Test
  void mountainCarRocksToTheFlagAtStep121() {
    Episode episode = play(new MountainCar(), o -> o[1] >= 0 ? 2 : 0, 200);
    assertEquals(121, episode.length());
    assertEquals(-121.0, episode.totalReward());
    assertArrayEquals(new double[] {0.5158103704452515, 0.03958084061741829}, episode.lastObservation());
  }

  @Test
  void mountainCarContinuousRocksToTheFlagAtStep108() {
    Episode episode = play(new MountainCarContinuous(), o -> new double[] {(o[1] >= 0 ? 1.0f : -1.0f) * 0.9f}, 999);
    assertEquals(108, episode.length());
    assertEquals(91.25200046348573, episode.totalReward(), 1e-12);
    // numpy 2 steps the float32 state in float32 arithmetic; we step in double and store float32 (as numpy 1 did),
    // which moves the position by 4e-7 relative over the episode.
    assertClose(new double[] {0.4962180554866791, 0.059951044619083405}, episode.lastObservation(), 1e-6);
  }

  @Test
  void acrobotSwingsUpAtStep67Identically() {
    Episode episode = play(new Acrobot(), o -> o[5] >= 0 ? 2 : 0, 500);
    assertEquals(67, episode.length());
    assertEquals(-66.0, episode.totalReward());
    assertArrayEquals(new double[] {-0.21213601529598236, 0.9772401452064514, -0.1705428659915924,
        0.9853502511978149, 0.8380411863327026, -0.7302625775337219}, episode.lastObservation());
  }
}
