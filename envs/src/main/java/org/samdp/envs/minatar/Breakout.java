package org.samdp.envs.minatar;

import java.util.List;

/**
 * MinAtar Breakout (facts sheet D.2): bounce the ball off the paddle on the bottom row to break the three rows of
 * bricks; +1 per brick, a fresh wall when all are gone, and the episode ends when the ball reaches the bottom row
 * past the paddle. The ball moves diagonally one cell per step; its previous cell (the trail) shows its direction.
 * Channels: 0 paddle, 1 ball, 2 trail, 3 brick. Minimal actions: no-op, left, right. No difficulty ramping.
 */
public final class Breakout extends MinAtarEnv {
  static final int PADDLE = 0;
  static final int BALL = 1;
  static final int TRAIL = 2;
  static final int BRICK = 3;
  private static final int BOTTOM = SIZE - 1;

  private final Grid bricks = new Grid();
  private int paddleX;
  private int ballX;
  private int ballY;
  private int ballDx;
  private int ballDy;
  private int trailX;
  private int trailY;
  // Set while the ball is inside bricks it broke into on the previous step: it then passes through without scoring.
  private boolean strike;

  /** The game with the given settings ({@link MinAtarConfig#defaults()} for MinAtar's). */
  public Breakout(MinAtarConfig config) {
    super(4, List.of(Action.NOOP, Action.LEFT, Action.RIGHT), config);
  }

  @Override
  void startEpisode() {
    boolean fromLeft = coinFlip();
    setBall(fromLeft ? 0 : SIZE - 1, 3, fromLeft ? 1 : -1, 1);
    paddleX = 4;
    bricks.clear();
    fillBricks();
    strike = false;
  }

  private void fillBricks() {
    bricks.fill(0, SIZE - 1, 1, 3);
  }

  @Override
  int act(Action action) {
    if (action == Action.LEFT) {
      paddleX = Math.max(0, paddleX - 1);
    } else if (action == Action.RIGHT) {
      paddleX = Math.min(SIZE - 1, paddleX + 1);
    }
    trailX = ballX;
    trailY = ballY;
    int newX = ballX + ballDx;
    int newY = ballY + ballDy;
    if (newX < 0 || newX >= SIZE) {
      newX = Math.max(0, Math.min(SIZE - 1, newX));
      ballDx = -ballDx;
    }
    int reward = 0;
    boolean inBrick = false;
    if (newY < 0) {
      newY = 0;
      ballDy = -ballDy;
    } else if (bricks.get(newX, newY)) {
      inBrick = true;
      if (!strike) {
        reward = 1;
        bricks.set(newX, newY, false);
        newY = trailY;
        ballDy = -ballDy;
      }
    } else if (newY == BOTTOM) {
      if (bricks.count() == 0) {
        fillBricks();
      }
      if (trailX == paddleX) { // came down onto the paddle's column: straight back up
        newY = trailY;
        ballDy = -ballDy;
      } else if (newX == paddleX) { // caught by the paddle's corner: back the way it came
        newY = trailY;
        ballDx = -ballDx;
        ballDy = -ballDy;
      } else {
        terminate();
      }
    }
    strike = inBrick;
    ballX = newX;
    ballY = newY;
    return reward;
  }

  @Override
  void draw(Frame frame) {
    frame.set(PADDLE, paddleX, BOTTOM);
    frame.set(BALL, ballX, ballY);
    frame.set(TRAIL, trailX, trailY);
    frame.draw(BRICK, bricks);
  }

  /** Puts the ball at (x, y) heading (dx, dy), each ±1, with its trail on the same cell, as at the start. */
  void setBall(int x, int y, int dx, int dy) {
    ballX = x;
    ballY = y;
    ballDx = dx;
    ballDy = dy;
    trailX = x;
    trailY = y;
  }

  void setPaddle(int x) {
    paddleX = x;
  }

  Grid bricks() {
    return bricks;
  }
}
