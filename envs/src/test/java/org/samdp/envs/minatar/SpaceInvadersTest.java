package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Play.count;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;
import static org.samdp.envs.minatar.SpaceInvaders.ALIEN;
import static org.samdp.envs.minatar.SpaceInvaders.ALIEN_LEFT;
import static org.samdp.envs.minatar.SpaceInvaders.ALIEN_RIGHT;
import static org.samdp.envs.minatar.SpaceInvaders.CANNON;
import static org.samdp.envs.minatar.SpaceInvaders.ENEMY_BULLET;
import static org.samdp.envs.minatar.SpaceInvaders.FRIENDLY_BULLET;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;

/** Space Invaders' rules (facts sheet D.6), from set-up states. */
class SpaceInvadersTest {
  private final SpaceInvaders game = new SpaceInvaders(Play.EXACT);

  @BeforeEach
  void start() {
    game.reset(0);
  }

  @Test
  void startsWithTwentyFourAliensHeadingLeft() {
    double[] obs = game.reset(1).observation();
    assertEquals(24, count(obs, ALIEN));
    assertTrue(on(obs, ALIEN, 2, 0) && on(obs, ALIEN, 7, 3));
    assertEquals(24, count(obs, ALIEN_LEFT));
    assertEquals(0, count(obs, ALIEN_RIGHT));
    assertTrue(on(obs, CANNON, 5, 9));
  }

  @Test
  void aShotKillsTheLowestAlienAboveTheCannon() {
    double[] obs = step(game, Action.FIRE).observation();
    assertTrue(on(obs, FRIENDLY_BULLET, 5, 8));
    double reward = 0;
    for (int t = 2; t <= 5; t++) {
      reward += step(game, Action.NOOP).reward();
    }
    assertEquals(0.0, reward);
    Step<double[]> hit = step(game, Action.NOOP); // step 6: the bullet reaches row 3
    assertEquals(1.0, hit.reward());
    assertFalse(on(hit.observation(), ALIEN, 5, 3));
    assertEquals(23, count(hit.observation(), ALIEN));
    assertEquals(0, count(hit.observation(), FRIENDLY_BULLET));
  }

  @Test
  void theBlockMarchesSidewaysAndTurnsDownAtTheEdge() {
    double[] obs = Play.repeat(game, Action.NOOP, 13).observation(); // the move timer starts at 12
    assertTrue(on(obs, ALIEN, 1, 0) && !on(obs, ALIEN, 7, 0), "one column left");
    game.setSingleAlien(0, 2, -1);
    obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, ALIEN, 0, 3), "dropped a row at the left edge");
    assertTrue(on(obs, ALIEN_RIGHT, 0, 3), "and turned right");
  }

  @Test
  void anAlienReachingTheCannonTerminates() {
    game.setCannon(0);
    game.setSingleAlien(0, 8, -1);
    assertTrue(step(game, Action.NOOP).terminated());
  }

  @Test
  void anEnemyBulletReachingTheCannonTerminates() {
    game.addEnemyBullet(5, 8);
    Step<double[]> step = step(game, Action.NOOP);
    assertTrue(step.terminated());
    assertTrue(on(step.observation(), ENEMY_BULLET, 5, 9));
  }

  @Test
  void aliensFireFromTheLowestAlienOfTheNearestColumn() {
    game.setCannon(9);
    double[] obs = Play.repeat(game, Action.NOOP, 11).observation(); // the shot timer starts at 10
    assertTrue(on(obs, ENEMY_BULLET, 7, 3), "column 7 is nearest to the cannon in column 9");
    assertEquals(1, count(obs, ENEMY_BULLET));
  }

  @Test
  void aClearedWaveComesBackFasterWithRamping() {
    // A lone alien moves every step: from (6, 7) it meets the bullet fired from column 4 on step 2, at (4, 7).
    game.setSingleAlien(6, 7, -1);
    game.setCannon(4);
    assertEquals(0.0, step(game, Action.FIRE).reward());
    assertEquals(1.0, step(game, Action.NOOP).reward());
    assertEquals(24, game.aliens().count(), "a new wave");
    assertEquals(11, game.moveInterval());
  }

  @Test
  void withoutRampingTheWavesKeepTheirPace() {
    SpaceInvaders steady = new SpaceInvaders(new MinAtarConfig(true, 0, false));
    steady.reset(0);
    steady.setSingleAlien(6, 7, -1);
    steady.setCannon(4);
    step(steady, Action.FIRE);
    assertEquals(1.0, step(steady, Action.NOOP).reward());
    assertEquals(12, steady.moveInterval());
  }
}
