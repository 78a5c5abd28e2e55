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

  @ParameterizedTest
  @MethodSource("games")
  void randomPolicyEpisodesEndAndShowZeroOneGrids(String game, int channels) {
    Env<double[], Integer> env = EnvRegistry.makeDiscrete(v1(game));
    env.actionSpace().seed(2024);
    int episodes = 20;
    double total = 0;
    long steps = 0;
    for (int e = 0; e < episodes; e++) {
      double[] obs = e == 0 ? env.reset(2024).observation() : env.reset().observation();
      assertZeroOneGrid(obs, channels);
      boolean terminated = false;
      int length = 0;
      while (!terminated) {
        Step<double[]> step = env.step(env.actionSpace().sample());
        assertZeroOneGrid(step.observation(), channels);
        assertTrue(step.reward() >= 0 && step.reward() == Math.rint(step.reward()), "reward " + step.reward());
        assertFalse(step.truncated());
        assertNull(env.observationSpace().violation(step.observation()));
        total += step.reward();
        terminated = step.terminated();
        length++;
        assertTrue(length <= 10_000, "a random policy's episode should end long before 10,000 steps");
      }
      if (game.equals("Freeway")) {
        assertEquals(Freeway.EPISODE_STEPS + 1, length);
      }
      steps += length;
    }
    System.out.printf(Locale.ROOT, "%s random policy: mean return %.2f, mean length %.1f over %d episodes%n",
        v1(game), total / episodes, steps / (double) episodes, episodes);
  }

  private static void assertZeroOneGrid(double[] obs, int channels) {
    assertEquals(channels * 100, obs.length);
    for (double value : obs) {
      assertTrue(value == 0 || value == 1, "observation value " + value);
    }
  }
}
