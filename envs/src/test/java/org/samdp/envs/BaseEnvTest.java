package org.samdp.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BaseEnvTest {

  @Test
  void stepBeforeResetIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LineWalk().step(1));
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
  }

  @Test
  void negativeSeedIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LineWalk().reset(-1));
    assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
  }

  @Test
  void invalidActionsGetOneClearError() {
    LineWalk env = new LineWalk();
    env.reset(0);
    InvalidActionException outOfRange = assertThrows(InvalidActionException.class, () -> env.step(2));
    assertTrue(outOfRange.getMessage().contains("outside Discrete(2)"), outOfRange.getMessage());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Env<double[], Object> raw = (Env) env;
    InvalidActionException wrongType = assertThrows(InvalidActionException.class, () -> raw.step(new double[] {1}));
    assertTrue(wrongType.getMessage().contains("expected an integer action"), wrongType.getMessage());
  }

  @Test
  void seededResetsRepeatAndUnseededResetsContinueTheStream() {
    LineWalk env = new LineWalk();
    double[] first = env.reset(7).observation();
    double[] next = env.reset().observation();
    assertArrayEquals(first, env.reset(7).observation());
    assertArrayEquals(next, env.reset().observation());
    assertNotEquals(first[0], next[0]);
    assertNotEquals(first[0], env.reset(8).observation()[0]);
  }

  @Test
  void specDefaultsToTheClassNameUntilRegistered() {
    assertEquals("LineWalk", new LineWalk().spec().id());
  }
}
