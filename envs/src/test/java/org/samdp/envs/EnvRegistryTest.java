package org.samdp.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samdp.envs.wrappers.TimeLimit;

class EnvRegistryTest {

  @BeforeAll
  static void registerTestEnvs() {
    EnvRegistry.register(new EnvSpec("LineWalk-v0", 3, 2.0, false), kwargs -> {
      Kwargs.of("LineWalk", kwargs);
      return new LineWalk();
    });
    EnvRegistry.register(new EnvSpec("LineWalk-v1", 0, Double.NaN, false), kwargs -> new LineWalk());
  }

  @Test
  void makeAppliesTheRegisteredTimeLimitAndBindsTheSpec() {
    Env<?, ?> env = EnvRegistry.make("LineWalk-v0");
    assertInstanceOf(TimeLimit.class, env);
    assertEquals(3, ((TimeLimit<?, ?>) env).maxEpisodeSteps());
    assertEquals("LineWalk-v0", env.unwrapped().spec().id());
    assertEquals(2.0, env.spec().rewardThreshold());
  }

  @Test
  void minusOneDisablesTheTimeLimit() {
    Env<?, ?> env = EnvRegistry.make("LineWalk-v0", Map.of(), -1);
    assertSame(env, env.unwrapped());
    assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make("LineWalk-v0", Map.of(), 0));
  }

  @Test
  void aRegistrationWithoutTimeLimitMakesAnUnwrappedEnv() {
    Env<?, ?> env = EnvRegistry.make("LineWalk-v1");
    assertSame(env, env.unwrapped());
  }

  @Test
  void unknownIdsSuggestTheClosestRegisteredIds() {
    EnvRegistry.UnknownEnvException e =
        assertThrows(EnvRegistry.UnknownEnvException.class, () -> EnvRegistry.make("LineWalk-v7"));
    assertTrue(e.getMessage().contains("did you mean LineWalk-v1, LineWalk-v0?"), e.getMessage());
    e = assertThrows(EnvRegistry.UnknownEnvException.class, () -> EnvRegistry.make("linewalk-v0"));
    assertTrue(e.getMessage().contains("LineWalk-v0"), e.getMessage());
  }

  @Test
  void unknownKwargsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("LineWalk-v0", Map.of("gravity", 3.0), null));
    assertTrue(e.getMessage().contains("gravity"), e.getMessage());
  }

  @Test
  void typedMakersCheckTheSpaces() {
    Env<double[], Integer> env = EnvRegistry.makeDiscrete("LineWalk-v0");
    env.reset(0);
    assertEquals(1.0, env.step(1).reward());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnvRegistry.makeContinuous("LineWalk-v0"));
    assertTrue(e.getMessage().contains("expected a Box observation space and a Box action space"), e.getMessage());
  }
}
