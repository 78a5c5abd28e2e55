package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Freeway.CAR;
import static org.samdp.envs.minatar.Freeway.CHICKEN;
import static org.samdp.envs.minatar.Freeway.CHICKEN_X;
import static org.samdp.envs.minatar.Freeway.SPEED_1_TRAIL;
import static org.samdp.envs.minatar.Play.count;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;

/** Freeway's rules (facts sheet D.3), from set-up states. */
class FreewayTest {
  private final Freeway game = new Freeway(Play.EXACT);

  @BeforeEach
  void start() {
    game.reset(0);
  }

  /** Parks every car at column 0 heading right with speed 5, so that none reaches the chicken soon. */
  private void parkCars() {
    for (int lane = 0; lane < 8; lane++) {
      game.setCar(lane, 0, 5, true);
    }
  }

  @Test
  void startsWithTheChickenAtTheBottomAndOneCarPerLaneAtColumnZero() {
    double[] obs = game.reset(3).observation();
    assertTrue(on(obs, CHICKEN, CHICKEN_X, 9));
    for (int row = 1; row <= 8; row++) {
      assertTrue(on(obs, CAR, 0, row), "row " + row);
    }
    assertEquals(8, count(obs, CAR));
    int trails = 0;
    for (int speed = 1; speed <= 5; speed++) {
      trails += count(obs, SPEED_1_TRAIL + speed - 1);
    }
    assertEquals(8, trails, "one trail per car, in the channel of its speed");
  }

  @Test
  void theChickenMovesOnlyEveryThirdStep() {
    parkCars();
    game.setChicken(9, 0);
    step(game, Action.UP);
    assertEquals(8, game.chickenY());
    step(game, Action.UP);
    step(game, Action.UP);
    assertEquals(8, game.chickenY(), "cooling down");
    step(game, Action.UP);
    assertEquals(7, game.chickenY());
  }

  @Test
  void reachingTheTopScoresOneAndSendsTheChickenBackToTheBottom() {
    parkCars();
    game.setChicken(1, 0);
    Step<double[]> step = step(game, Action.UP);
    assertEquals(1.0, step.reward());
    assertTrue(on(step.observation(), CHICKEN, CHICKEN_X, 9));
    assertFalse(step.terminated());
  }

  @Test
  void aCarMovingOntoTheChickenSendsItBackToTheBottom() {
    parkCars();
    game.setCar(4, 3, 1, true); // lane 4 is row 5
    game.setChicken(5, 2);
    step(game, Action.NOOP); // speed 1: the car waits one step
    assertEquals(5, game.chickenY());
    step(game, Action.NOOP); // then moves to column 4
    assertEquals(9, game.chickenY());
  }

  @Test
  void walkingIntoACarSendsTheChickenBack() {
    parkCars();
    game.setCar(3, CHICKEN_X, 5, true); // row 4, parked on the chicken's column
    game.setChicken(5, 0);
    step(game, Action.UP);
    assertEquals(9, game.chickenY());
  }

  @Test
  void carsWrapAroundTheEdges() {
    parkCars();
    game.setCar(0, 0, 1, false);
    step(game, Action.NOOP);
    double[] obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, CAR, 9, 1));
    assertTrue(on(obs, SPEED_1_TRAIL, 0, 1), "the trail wraps too");
  }

  @Test
  void theEpisodeEndsOnStep2501() {
    for (int t = 1; t <= Freeway.EPISODE_STEPS; t++) {
      assertFalse(step(game, Action.NOOP).terminated(), "step " + t);
    }
    Step<double[]> last = step(game, Action.NOOP);
    assertTrue(last.terminated());
    assertFalse(last.truncated());
  }
}
