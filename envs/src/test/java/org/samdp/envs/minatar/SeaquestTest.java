package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Play.count;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;
import static org.samdp.envs.minatar.Seaquest.DIVER_GAUGE;
import static org.samdp.envs.minatar.Seaquest.FISH;
import static org.samdp.envs.minatar.Seaquest.FRIENDLY_BULLET;
import static org.samdp.envs.minatar.Seaquest.OXYGEN_GAUGE;
import static org.samdp.envs.minatar.Seaquest.SUB_BACK;
import static org.samdp.envs.minatar.Seaquest.SUB_FRONT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;

/** Seaquest's rules (facts sheet D.5), from set-up states. */
class SeaquestTest {
  private final Seaquest game = new Seaquest(Play.EXACT);

  @BeforeEach
  void start() {
    game.reset(0);
  }

  @Test
  void startsAtTheSurfaceFacingLeftWithFullOxygen() {
    double[] obs = game.reset(5).observation();
    assertTrue(on(obs, SUB_FRONT, 5, 0) && on(obs, SUB_BACK, 6, 0));
    assertEquals(10, count(obs, OXYGEN_GAUGE));
    assertEquals(0, count(obs, DIVER_GAUGE));
  }

  @Test
  void runningOutOfOxygenTerminates() {
    game.setSub(5, 3, false);
    game.setOxygen(2);
    assertFalse(step(game, Action.NOOP).terminated());
    Step<double[]> step = step(game, Action.NOOP);
    assertFalse(step.terminated());
    assertEquals(0, game.oxygen());
    assertEquals(0, count(step.observation(), OXYGEN_GAUGE));
    assertTrue(step(game, Action.NOOP).terminated());
  }

  @Test
  void oxygenDrainsByOnePerStepUnderWater() {
    step(game, Action.DOWN);
    assertEquals(Seaquest.MAX_OXYGEN - 1, game.oxygen());
    assertEquals(9, count(step(game, Action.NOOP).observation(), OXYGEN_GAUGE), "198 of 200: 9 tenths");
  }

  @Test
  void surfacingWithoutADiverTerminates() {
    assertFalse(step(game, Action.DOWN).terminated());
    assertTrue(step(game, Action.UP).terminated());
  }

  @Test
  void surfacingWithDiversCostsOneRefillsOxygenAndRampsDifficulty() {
    game.setDiversCarried(2);
    step(game, Action.DOWN);
    step(game, Action.NOOP);
    Step<double[]> step = step(game, Action.UP);
    assertFalse(step.terminated());
    assertEquals(0.0, step.reward());
    assertEquals(1, game.diversCarried());
    assertEquals(Seaquest.MAX_OXYGEN, game.oxygen());
    assertTrue(on(step.observation(), DIVER_GAUGE, 8, 9));
    assertEquals(1, count(step.observation(), DIVER_GAUGE));
    assertEquals(19, game.difficulty().spawnInterval());
  }

  @Test
  void surfacingWithSixDiversPaysForTheOxygenLeftAndEmptiesTheSub() {
    game.setDiversCarried(Seaquest.MAX_DIVERS);
    step(game, Action.DOWN);
    game.setOxygen(150);
    Step<double[]> step = step(game, Action.UP);
    assertEquals(7.0, step.reward(), "150 · 10 ÷ 200");
    assertEquals(0, game.diversCarried());
    assertEquals(0, count(step.observation(), DIVER_GAUGE));
    step(game, Action.DOWN);
    assertTrue(step(game, Action.UP).terminated(), "with no diver left, the next surfacing ends the episode");
  }

  @Test
  void shootingAFishScoresOneAndRemovesBoth() {
    game.setSub(5, 4, true);
    game.addFish(6, 4, false, 3);
    Step<double[]> step = step(game, Action.FIRE);
    assertEquals(1.0, step.reward());
    assertEquals(0, count(step.observation(), FISH));
    assertEquals(0, count(step.observation(), FRIENDLY_BULLET));
  }

  @Test
  void aBulletFliesOnUntilItLeavesTheScreen() {
    game.setSub(5, 4, true);
    assertTrue(on(step(game, Action.FIRE).observation(), FRIENDLY_BULLET, 6, 4));
    assertTrue(on(step(game, Action.FIRE).observation(), FRIENDLY_BULLET, 7, 4), "cooling down: no second shot");
    Play.repeat(game, Action.NOOP, 2);
    assertEquals(0, count(step(game, Action.NOOP).observation(), FRIENDLY_BULLET));
  }

  @Test
  void touchingAFishTerminates() {
    game.setSub(5, 4, true);
    game.addFish(6, 4, false, 3);
    assertTrue(step(game, Action.RIGHT).terminated());
  }

  @Test
  void anEnemyBulletReachingTheSubTerminates() {
    game.setSub(5, 3, false);
    game.addEnemyBullet(3, 3, true);
    assertFalse(step(game, Action.NOOP).terminated());
    assertTrue(step(game, Action.NOOP).terminated());
  }

  @Test
  void touchingADiverPicksItUp() {
    game.addDiver(5, 1, true, 5);
    Step<double[]> step = step(game, Action.DOWN);
    assertEquals(1, game.diversCarried());
    assertEquals(0, count(step.observation(), Seaquest.DIVER));
    assertTrue(on(step.observation(), DIVER_GAUGE, 8, 9));
  }
}
