package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Step;
import org.samdp.envs.check.EnvChecker;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;

/** The registered MinAtar ids: spaces, arguments, the checker, seeded determinism, random-policy episodes. */
class MinAtarGamesTest {

  static Stream<Arguments> games() {
    return Stream.of(
        Arguments.of("Asterix", 4, List.of(Action.NOOP, Action.LEFT, Action.UP, Action.RIGHT, Action.DOWN)),
        Arguments.of("Breakout", 4, List.of(Action.NOOP, Action.LEFT, Action.RIGHT)),
        Arguments.of("Freeway", 7, List.of(Action.NOOP, Action.UP, Action.DOWN)),
        Arguments.of("Seaquest", 10, List.of(Action.values())),
        Arguments.of("SpaceInvaders", 6, List.of(Action.NOOP, Action.LEFT, Action.RIGHT, Action.FIRE)));
  }

  private static String v1(String game) {
    return "MinAtar/" + game + "-v1";
  }

  @ParameterizedTest
  @MethodSource("games")
  void v1ActsOverTheMinimalActionSetAndV0OverAllSix(String game, int channels, List<Action> minimal) {
    for (String id : List.of("MinAtar/" + game + "-v0", v1(game))) {
      assertEquals(new EnvSpec(id, 0, Double.NaN, false), EnvRegistry.spec(id));
      Env<double[], Integer> env = EnvRegistry.makeDiscrete(id);
      assertSame(env, env.unwrapped(), "no time limit");
      assertEquals(Box.uniform(0, 1, new int[] {channels, 10, 10}, DType.UINT8), env.observationSpace());
      List<Action> actions = id.endsWith("-v1") ? minimal : List.of(Action.values());
      assertEquals(actions, ((MinAtarEnv) env).actionSet());
      assertEquals(new Discrete(actions.size()), env.actionSpace());
    }
    Env<?, ?> full = EnvRegistry.make(v1(game), Map.of("use_minimal_action_set", false), null);
    assertEquals(new Discrete(6), full.actionSpace());
  }

  @ParameterizedTest
  @MethodSource("games")
  void passesTheEnvChecker(String game) {
    for (String id : List.of("MinAtar/" + game + "-v0", v1(game))) {
      var results = EnvChecker.check(() -> EnvRegistry.make(id));
      assertTrue(EnvChecker.passed(results), id + ": " + results);
    }
  }

  @Test
  void badArgumentsAreRefusedWithAClearError() {
    String why = assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("MinAtar/Breakout-v1", Map.of("sticky_action_prob", 1.5), null)).getMessage();
    assertTrue(why.contains("sticky_action_prob") && why.contains("[0, 1]"), why);
    why = assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("MinAtar/Breakout-v1", Map.of("ramping", true), null)).getMessage();
    assertTrue(why.contains("difficulty_ramping"), "names the known arguments: " + why);
    Env<double[], Integer> env = EnvRegistry.makeDiscrete("MinAtar/Freeway-v1");
    assertThrows(IllegalArgumentException.class, () -> env.reset(0L, Map.of("low", 0.0)));
  }

  /** One episode: every observation, reward and flag, with a seeded random policy. */
  private static List<String> episode(Env<double[], Integer> env, long seed, int maxSteps) {
    env.actionSpace().seed(seed);
    List<String> trajectory = new ArrayList<>();
    trajectory.add(Arrays.toString(env.reset(seed).observation()));
    for (int t = 0; t < maxSteps; t++) {
      Step<double[]> step = env.step(env.actionSpace().sample());
      trajectory.add(Arrays.hashCode(step.observation()) + " " + step.reward() + " " + step.terminated());
      if (step.terminated()) {
        break;
      }
    }
    return trajectory;
  }

  @ParameterizedTest
  @MethodSource("games")
  void theSameSeedGivesTheSameEpisode(String game) {
    Env<double[], Integer> env = EnvRegistry.makeDiscrete(v1(game));
    List<String> first = episode(env, 11, 300);
    env.actionSpace().seed(99);
    env.reset();
    for (int t = 0; t < 50; t++) { // move the game, its generator and the remembered action elsewhere
      env.step(env.actionSpace().sample());
    }
    assertEquals(first, episode(env, 11, 300), "the same env, seeded again");
    assertEquals(first, episode(EnvRegistry.makeDiscrete(v1(game)), 11, 300), "a fresh env");
    assertNotEquals(first, episode(env, 12, 300), "another seed");
  }

  /**
   * A random policy's mean return and episode length (with standard errors) in MinAtar's own game logic, run by us
   * over the minimal action set with sticky actions (p = 0.1): 40,000 episodes (Freeway 4,000).
   */
  static Stream<Arguments> randomPolicyReference() {
    return Stream.of(
        Arguments.of("Asterix", 4, 1000, 0.502, 0.004, 66.1, 0.2),
        Arguments.of("Breakout", 4, 1000, 0.389, 0.003, 9.96, 0.04),
        Arguments.of("Freeway", 7, 200, 0.388, 0.010, 2501.0, 0.0),
        Arguments.of("Seaquest", 10, 1000, 0.101, 0.002, 30.4, 0.2),
        Arguments.of("SpaceInvaders", 6, 1000, 4.126, 0.017, 59.6, 0.2));
  }

  @ParameterizedTest
  @MethodSource("randomPolicyReference")
  void randomPolicyEpisodesEndShowZeroOneGridsAndMatchMinAtarsScale(String game, int channels, int episodes,
      double peerReturn, double peerReturnError, double peerLength, double peerLengthError) {
    Env<double[], Integer> env = EnvRegistry.makeDiscrete(v1(game));
    env.actionSpace().seed(2024);
    double[] returns = new double[episodes];
    double[] lengths = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      boolean checkObservations = e < 20; // the full check on every step of the first episodes only: it is slow
      double[] obs = e == 0 ? env.reset(2024).observation() : env.reset().observation();
      if (checkObservations) {
        assertZeroOneGrid(env, obs, channels);
      }
      boolean terminated = false;
      while (!terminated) {
        Step<double[]> step = env.step(env.actionSpace().sample());
        if (checkObservations) {
          assertZeroOneGrid(env, step.observation(), channels);
        }
        assertTrue(step.reward() >= 0 && step.reward() == Math.rint(step.reward()), "reward " + step.reward());
        assertFalse(step.truncated());
        returns[e] += step.reward();
        terminated = step.terminated();
        lengths[e]++;
        assertTrue(lengths[e] <= 10_000, "a random policy's episode should end long before 10,000 steps");
      }
    }
    System.out.printf(Locale.ROOT, "%s random policy over %d episodes: return %.3f ± %.3f (MinAtar %.3f), "
            + "length %.1f ± %.1f (MinAtar %.1f)%n", v1(game), episodes, mean(returns), standardError(returns),
        peerReturn, mean(lengths), standardError(lengths), peerLength);
    // Loose: five combined standard errors. The random streams differ from MinAtar's, so only the scale can agree.
    assertEquals(peerReturn, mean(returns), 5 * Math.hypot(standardError(returns), peerReturnError), "mean return");
    assertEquals(peerLength, mean(lengths), 5 * Math.hypot(standardError(lengths), peerLengthError), "mean length");
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }

  private static double standardError(double[] values) {
    double mean = mean(values);
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(squares / (values.length - 1) / values.length);
  }

  private static void assertZeroOneGrid(Env<double[], Integer> env, double[] obs, int channels) {
    assertNull(env.observationSpace().violation(obs));
    assertEquals(channels * 100, obs.length);
    for (double value : obs) {
      assertTrue(value == 0 || value == 1, "observation value " + value);
    }
  }
}
