package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Asterix.ENEMY;
import static org.samdp.envs.minatar.Asterix.GOLD;
import static org.samdp.envs.minatar.Asterix.PLAYER;
import static org.samdp.envs.minatar.Asterix.TRAIL;
import static org.samdp.envs.minatar.Play.count;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;

/** Asterix's rules (facts sheet D.4), from set-up states. */
class AsterixTest {
  private final Asterix game = new Asterix(Play.EXACT);

  @BeforeEach
  void start() {
    game.reset(0);
  }

  @Test
  void thePlayerStaysWithinRowsOneToEight() {
    Play.repeat(game, Action.UP, 6);
    game.clearEntities();
    assertTrue(on(step(game, Action.UP).observation(), PLAYER, 5, 1));
  }

  @Test
  void steppingOntoGoldScoresOneAndRemovesIt() {
    game.setEntity(4, 5, true, true);
    Step<double[]> step = step(game, Action.LEFT);
    assertEquals(1.0, step.reward());
    assertEquals(0, count(step.observation(), GOLD));
    assertFalse(step.terminated());
  }

  @Test
  void goldMovingOntoThePlayerScores() {
    game.setEntity(4, 5, true, true);
    double reward = 0;
    for (int t = 1; t <= 6; t++) { // the move timer starts at 5: the first move is on step 6
      reward += step(game, Action.NOOP).reward();
    }
    assertEquals(1.0, reward);
  }

  @Test
  void touchingAnEnemyTerminates() {
    game.setEntity(5, 4, false, false);
    Step<double[]> step = step(game, Action.UP);
    assertTrue(step.terminated());
    assertEquals(0.0, step.reward());
  }

  @Test
  void entitiesShowTheirTrailBehindThem() {
    game.setEntity(3, 2, true, false);
    game.setEntity(0, 7, false, true);
    double[] obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, ENEMY, 3, 2) && on(obs, TRAIL, 2, 2));
    assertTrue(on(obs, GOLD, 0, 7) && on(obs, TRAIL, 1, 7));
    assertEquals(2, count(obs, TRAIL));
  }

  @Test
  void theFirstEntitySpawnsOnStepElevenAndEntitiesMoveEveryFiveSteps() {
    game.setPlayer(5, 1);
    assertEquals(-1, column(Play.repeat(game, Action.NOOP, 10).observation()), "nothing before step 11");
    // Step 11: both timers run out; the entity spawns at a side column and then moves one column in.
    double[] obs = step(game, Action.NOOP).observation();
    assertEquals(1, count(obs, ENEMY) + count(obs, GOLD));
    int column = column(obs);
    assertTrue(column == 1 || column == 8, "one column in from a side, got " + column);
    assertEquals(column, column(Play.repeat(game, Action.NOOP, 4).observation()), "still on step 15");
    assertEquals(1, Math.abs(column(step(game, Action.NOOP).observation()) - column), "moved on step 16");
  }

  private static int column(double[] obs) {
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        if (on(obs, ENEMY, x, y) || on(obs, GOLD, x, y)) {
          return x;
        }
      }
    }
    return -1;
  }

  @Test
  void rampingSpeedsSpawningUpEvery102Steps() {
    assertEquals(10, rampedSpawnInterval(game, 101));
    game.reset(0);
    assertEquals(9, rampedSpawnInterval(game, 102));
    game.reset(0);
    assertEquals(8, rampedSpawnInterval(game, 204));
    Asterix steady = new Asterix(new MinAtarConfig(true, 0, false));
    steady.reset(0);
    assertEquals(10, rampedSpawnInterval(steady, 204));
  }

  /** Plays {@code steps} steps keeping the board clear (so the player survives) and returns the spawn interval. */
  private static int rampedSpawnInterval(Asterix game, int steps) {
    for (int t = 0; t < steps; t++) {
      game.clearEntities();
      assertFalse(step(game, Action.NOOP).terminated());
    }
    return game.difficulty().spawnInterval();
  }
}
