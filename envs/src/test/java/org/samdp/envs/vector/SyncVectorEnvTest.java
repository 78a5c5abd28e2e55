package org.samdp.envs.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.LineWalk;

class SyncVectorEnvTest {

  private static SyncVectorEnv<double[], Integer> vector(AutoresetMode mode) {
    return new SyncVectorEnv<>(List.<Env<double[], Integer>>of(new LineWalk(), new LineWalk()), mode);
  }

  @Test
  void resetSeedsSubEnvIWithSeedPlusI() {
    SyncVectorEnv<double[], Integer> env = vector(AutoresetMode.NEXT_STEP);
    var resets = env.reset(10L);
    assertArrayEquals(new LineWalk().reset(10).observation(), resets.get(0).observation());
    assertArrayEquals(new LineWalk().reset(11).observation(), resets.get(1).observation());
  }

  @Test
  void nextStepModeReturnsTheTerminalStepThenResetsOnTheFollowingStep() {
    SyncVectorEnv<double[], Integer> env = vector(AutoresetMode.NEXT_STEP);
    env.reset(0L);
    env.step(List.of(1, 0));
    env.step(List.of(1, 0));
    VectorStep<double[]> terminal = env.step(List.of(1, 1));
    assertTrue(terminal.terminated()[0]);
    assertFalse(terminal.terminated()[1]);
    assertEquals(3, terminal.observations().get(0)[1], "the real terminal observation (3 steps taken)");

    VectorStep<double[]> boundary = env.step(List.of(1, 1));
    assertEquals(0, boundary.observations().get(0)[1], "sub-env 0 was reset instead of stepped");
    assertEquals(0, boundary.rewards()[0]);
    assertFalse(boundary.done(0));
    assertEquals(4, boundary.observations().get(1)[1], "sub-env 1 stepped as usual");
    assertEquals(1, boundary.rewards()[1]);
  }

  @Test
  void sameStepModeResetsImmediatelyAndKeepsTheFinalObservationInInfo() {
    SyncVectorEnv<double[], Integer> env = vector(AutoresetMode.SAME_STEP);
    env.reset(0L);
    env.step(List.of(1, 1));
    env.step(List.of(1, 1));
    VectorStep<double[]> terminal = env.step(List.of(1, 0));
    assertTrue(terminal.terminated()[0]);
    assertEquals(1, terminal.rewards()[0]);
    assertEquals(0, terminal.observations().get(0)[1], "already the first observation of the next episode");
    double[] finalObs = (double[]) terminal.infos().get(0).get(SyncVectorEnv.FINAL_OBS);
    assertEquals(3, finalObs[1]);
    assertNotNull(terminal.infos().get(0).get(SyncVectorEnv.FINAL_INFO));
    assertNull(terminal.infos().get(1).get(SyncVectorEnv.FINAL_OBS));
  }

  @Test
  void disabledModeLeavesResetsToTheCaller() {
    SyncVectorEnv<double[], Integer> env = vector(AutoresetMode.DISABLED);
    env.reset(0L);
    for (int t = 0; t < 3; t++) {
      env.step(List.of(1, 1));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(List.of(1, 1)));
    assertTrue(e.getMessage().contains("reset(mask)"), e.getMessage());
    var resets = env.reset(new boolean[] {true, false});
    assertNotNull(resets.get(0));
    assertNull(resets.get(1));
  }

  @Test
  void badCallsAreRefused() {
    SyncVectorEnv<double[], Integer> env = vector(AutoresetMode.NEXT_STEP);
    assertThrows(IllegalStateException.class, () -> env.step(List.of(0, 0)));
    env.reset(0L);
    assertThrows(IllegalArgumentException.class, () -> env.step(List.of(0)));
    assertThrows(IllegalArgumentException.class, () -> SyncVectorEnv.of(0, LineWalk::new));
  }
}
