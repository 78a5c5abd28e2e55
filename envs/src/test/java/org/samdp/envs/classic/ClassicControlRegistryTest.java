package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Step;
import org.samdp.envs.wrappers.TimeLimit;

/** The registered ids: Gymnasium's time limits, reward thresholds and constructor arguments; seeded determinism. */
class ClassicControlRegistryTest {
  static final List<String> IDS = List.of("CartPole-v0", "CartPole-v1", "Pendulum-v1", "MountainCar-v0",
      "MountainCarContinuous-v0", "Acrobot-v1");

  static Stream<Arguments> registrations() {
    return Stream.of(
        Arguments.of("CartPole-v0", 200, 195.0, CartPole.class),
        Arguments.of("CartPole-v1", 500, 475.0, CartPole.class),
        Arguments.of("Pendulum-v1", 200, Double.NaN, Pendulum.class),
        Arguments.of("MountainCar-v0", 200, -110.0, MountainCar.class),
        Arguments.of("MountainCarContinuous-v0", 999, 90.0, MountainCarContinuous.class),
        Arguments.of("Acrobot-v1", 500, -100.0, Acrobot.class));
  }

  @ParameterizedTest
  @MethodSource("registrations")
  void registeredWithGymnasiumsLimitsAndThresholds(String id, int maxEpisodeSteps, double rewardThreshold,
      Class<?> type) {
    assertEquals(new EnvSpec(id, maxEpisodeSteps, rewardThreshold, false), EnvRegistry.spec(id));
    Env<?, ?> env = EnvRegistry.make(id);
    assertEquals(maxEpisodeSteps, assertInstanceOf(TimeLimit.class, env).maxEpisodeSteps());
    assertInstanceOf(type, env.unwrapped());
    assertEquals(id, env.unwrapped().spec().id());
  }

  @Test
  void timeLimitTruncatesButNeverTerminates() {
    @SuppressWarnings("unchecked")
    Env<double[], Integer> car = (Env<double[], Integer>) EnvRegistry.make("MountainCar-v0");
    car.reset(0);
    for (int t = 1; t <= 200; t++) {
      Step<double[]> step = car.step(1);
      assertFalse(step.terminated(), "coasting never reaches the flag");
      assertEquals(t == 200, step.truncated(), "step " + t);
    }
    @SuppressWarnings("unchecked")
    Env<double[], double[]> continuous = (Env<double[], double[]>) EnvRegistry.make("MountainCarContinuous-v0");
    continuous.reset(0);
    int steps = 1;
    while (!continuous.step(new double[] {0}).truncated()) {
      steps++;
    }
    assertEquals(999, steps);
  }

  @Test
  void suttonBartoRewardIsAConstructorArgument() {
    @SuppressWarnings("unchecked")
    Env<double[], Integer> env =
        (Env<double[], Integer>) EnvRegistry.make("CartPole-v1", Map.of("sutton_barto_reward", true), null);
    env.reset(0);
    assertEquals(0.0, env.step(1).reward());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CartPole-v1", "Pendulum-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1"})
  void unknownConstructorArgumentsAreRejected(String id) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make(id, Map.of("render_mod", "human"), null));
    assertTrue(e.getMessage().contains("render_mod"), e.getMessage());
  }

  @Test
  void badConstructorArgumentValuesAreRejected() {
    for (Map<String, Object> kwargs : List.<Map<String, Object>>of(Map.of("g", "ten"), Map.of("g", Double.NaN),
        Map.of("g", Double.POSITIVE_INFINITY))) {
      assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make("Pendulum-v1", kwargs, null),
          kwargs.toString());
    }
    assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("CartPole-v1", Map.of("sutton_barto_reward", 1), null));
    assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("MountainCar-v0", Map.of("goal_velocity", "fast"), null));
    assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("MountainCarContinuous-v0", Map.of("goal_velocity", Double.NEGATIVE_INFINITY), null));
  }

  /** The first observations and the generator states of check_env's seeding sequence, in order. */
  private static List<Object> checkEnvSequence(Env<?, ?> env) {
    List<Object> seen = new ArrayList<>();
    for (Long seed : Arrays.asList(123L, null, 123L, null)) {
      seen.add(Arrays.toString((double[]) env.reset(seed, Map.of()).observation()));
      seen.add(((BaseEnv<?, ?>) env.unwrapped()).rngState());
    }
    return seen;
  }

  @ParameterizedTest
  @MethodSource("ids")
  void seededResetsAreDeterministic(String id) {
    List<Object> first = checkEnvSequence(EnvRegistry.make(id));
    assertEquals(first.subList(0, 4), first.subList(4, 8), "reset(123), reset() repeats after reset(123)");
    assertEquals(first, checkEnvSequence(EnvRegistry.make(id)), "a fresh env repeats it");
    Env<?, ?> other = EnvRegistry.make(id);
    other.reset(456L, Map.of());
    assertNotEquals(first.get(1), ((BaseEnv<?, ?>) other.unwrapped()).rngState());
  }

  static Stream<String> ids() {
    return IDS.stream();
  }
}
