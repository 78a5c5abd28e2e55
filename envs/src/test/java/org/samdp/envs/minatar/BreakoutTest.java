package org.samdp.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.minatar.Breakout.BALL;
import static org.samdp.envs.minatar.Breakout.BRICK;
import static org.samdp.envs.minatar.Breakout.PADDLE;
import static org.samdp.envs.minatar.Breakout.TRAIL;
import static org.samdp.envs.minatar.Play.count;
import static org.samdp.envs.minatar.Play.on;
import static org.samdp.envs.minatar.Play.step;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Step;

/** Breakout's rules (facts sheet D.2), from set-up states. */
class BreakoutTest {
  private final Breakout game = new Breakout(Play.EXACT);

  @BeforeEach
  void start() {
    game.reset(0);
  }

  @Test
  void startsWithThreeRowsOfBricksTheBallOnRowThreeAndThePaddleInColumnFour() {
    double[] obs = game.reset(7).observation();
    assertEquals(30, count(obs, BRICK));
    assertTrue(on(obs, BRICK, 0, 1) && on(obs, BRICK, 9, 3));
    assertTrue(on(obs, PADDLE, 4, 9));
    assertTrue(on(obs, BALL, 0, 3) || on(obs, BALL, 9, 3));
    assertEquals(1, count(obs, BALL));
  }

  @Test
  void bothStartSidesOccur() {
    boolean left = false;
    boolean right = false;
    for (long seed = 0; seed < 20; seed++) {
      double[] obs = game.reset(seed).observation();
      left |= on(obs, BALL, 0, 3);
      right |= on(obs, BALL, 9, 3);
    }
    assertTrue(left && right);
  }

  @Test
  void leftAndRightMoveThePaddleWithinTheWalls() {
    double[] obs = null;
    for (int i = 0; i < 6; i++) {
      game.setBall(5, 5, 1, -1); // keep the ball away from the bottom
      obs = step(game, Action.LEFT).observation();
    }
    assertTrue(on(obs, PADDLE, 0, 9));
    assertEquals(1, count(obs, PADDLE));
    game.setBall(5, 5, 1, -1);
    assertTrue(on(step(game, Action.RIGHT).observation(), PADDLE, 1, 9));
  }

  @Test
  void theBallBouncesOffTheSideWallAndLeavesItsTrail() {
    game.bricks().clear();
    game.setBall(0, 6, -1, -1);
    double[] obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, BALL, 0, 5), "clamped to the wall column");
    assertTrue(on(obs, TRAIL, 0, 6));
    obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, BALL, 1, 4), "now heading up-right");
    assertTrue(on(obs, TRAIL, 0, 5));
  }

  @Test
  void theBallBouncesOffTheCeiling() {
    game.bricks().clear();
    game.setBall(4, 1, 1, -1);
    assertTrue(on(step(game, Action.NOOP).observation(), BALL, 5, 0));
    assertTrue(on(step(game, Action.NOOP).observation(), BALL, 6, 0), "y clamps to 0 and the ball turns down");
    assertTrue(on(step(game, Action.NOOP).observation(), BALL, 7, 1));
  }

  @Test
  void hittingABrickScoresOneRemovesItAndReflectsTheBall() {
    game.setBall(2, 4, 1, -1);
    Step<double[]> step = step(game, Action.NOOP);
    assertEquals(1.0, step.reward());
    assertFalse(on(step.observation(), BRICK, 3, 3), "the brick is gone");
    assertEquals(29, count(step.observation(), BRICK));
    assertTrue(on(step.observation(), BALL, 3, 4), "the ball keeps its row");
    step = step(game, Action.NOOP);
    assertTrue(on(step.observation(), BALL, 4, 5), "and now heads down-right");
    assertEquals(0.0, step.reward());
  }

  @Test
  void rightAfterAHitTheBallEntersTheNextBrickWithoutScoring() {
    game.setBall(2, 4, 1, -1);
    step(game, Action.NOOP); // breaks (3, 3); the ball is at (3, 4) heading down-right
    game.bricks().set(4, 5, true);
    Step<double[]> step = step(game, Action.NOOP);
    assertEquals(0.0, step.reward());
    assertTrue(on(step.observation(), BALL, 4, 5) && on(step.observation(), BRICK, 4, 5));
    game.bricks().set(5, 6, true);
    assertEquals(0.0, step(game, Action.NOOP).reward(), "still striking: passes through");
    game.bricks().clear();
    game.bricks().set(7, 8, true);
    assertEquals(0.0, step(game, Action.NOOP).reward(), "a step off bricks clears the flag");
    assertEquals(1.0, step(game, Action.NOOP).reward(), "so the next brick scores");
  }

  @Test
  void comingDownOntoThePaddleSendsTheBallStraightBackUp() {
    game.setBall(4, 8, 1, 1); // above the paddle in column 4
    double[] obs = step(game, Action.NOOP).observation();
    assertTrue(on(obs, BALL, 5, 8), "keeps row 8, column moves on");
    assertTrue(on(step(game, Action.NOOP).observation(), BALL, 6, 7), "heading up-right");
  }

  @Test
  void landingOnThePaddleCornerSendsTheBallBackTheWayItCame() {
    game.setBall(3, 8, 1, 1); // lands on (4, 9), the paddle
    Step<double[]> step = step(game, Action.NOOP);
    assertFalse(step.terminated());
    assertTrue(on(step.observation(), BALL, 4, 8));
    assertTrue(on(step(game, Action.NOOP).observation(), BALL, 3, 7), "heading up-left");
  }

  @Test
  void missingThePaddleTerminatesAndTheEndAbsorbs() {
    game.setPaddle(7);
    game.setBall(1, 8, 1, 1);
    Step<double[]> step = step(game, Action.NOOP);
    assertTrue(step.terminated());
    assertFalse(step.truncated());
    assertTrue(on(step.observation(), BALL, 2, 9));
    Step<double[]> after = step(game, Action.RIGHT);
    assertTrue(after.terminated());
    assertEquals(0.0, after.reward());
    assertTrue(on(after.observation(), PADDLE, 7, 9), "nothing moves after the end");
  }

  @Test
  void aClearedWallIsRefilledWhenTheBallReachesTheBottom() {
    game.bricks().clear();
    game.setBall(4, 8, 1, 1);
    assertEquals(30, count(step(game, Action.NOOP).observation(), BRICK));
  }
}
