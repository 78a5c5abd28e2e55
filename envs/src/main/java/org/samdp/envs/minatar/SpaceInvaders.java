package org.samdp.envs.minatar;

import java.util.List;

/**
 * MinAtar Space Invaders (facts sheet D.6): move the cannon along the bottom row and shoot the block of 24 aliens
 * (+1 each). The block marches sideways, dropping a row and turning at the edges, and speeds up as it thins out; the
 * alien nearest the cannon fires every 10 steps. The episode ends when an alien or an alien's bullet reaches the
 * cannon, or when the block would drop below the bottom row. A cleared wave is replaced by a new one that, with
 * ramping, moves a little faster (down to one move every 6 steps). Channels: 0 cannon, 1 alien, 2 alien heading left,
 * 3 alien heading right, 4 friendly bullet, 5 enemy bullet. Minimal actions: no-op, left, right, fire.
 */
public final class SpaceInvaders extends MinAtarEnv {
  static final int CANNON = 0;
  static final int ALIEN = 1;
  static final int ALIEN_LEFT = 2;
  static final int ALIEN_RIGHT = 3;
  static final int FRIENDLY_BULLET = 4;
  static final int ENEMY_BULLET = 5;
  private static final int SHOT_COOLDOWN = 5;
  private static final int INITIAL_MOVE_INTERVAL = 12;
  private static final int MIN_MOVE_INTERVAL = 6;
  private static final int ALIEN_SHOT_INTERVAL = 10;
  private static final int BOTTOM = SIZE - 1;

  private final Grid aliens = new Grid();
  private final Grid friendlyBullets = new Grid();
  private final Grid enemyBullets = new Grid();
  private int cannonX;
  /** −1 while the block marches left, +1 while it marches right. */
  private int alienHeading;
  private int moveInterval;
  private int alienMoveTimer;
  private int alienShotTimer;
  private int shotCooldown;

  /** The game with the given settings ({@link MinAtarConfig#defaults()} for MinAtar's). */
  public SpaceInvaders(MinAtarConfig config) {
    super(6, List.of(Action.NOOP, Action.LEFT, Action.RIGHT, Action.FIRE), config);
  }

  @Override
  void startEpisode() {
    cannonX = 5;
    friendlyBullets.clear();
    enemyBullets.clear();
    aliens.clear();
    fillAliens();
    alienHeading = -1;
    moveInterval = INITIAL_MOVE_INTERVAL;
    alienMoveTimer = moveInterval;
    alienShotTimer = ALIEN_SHOT_INTERVAL;
    shotCooldown = 0;
  }

  private void fillAliens() {
    aliens.fill(2, 7, 0, 3);
  }

  @Override
  int act(Action action) {
    if (action == Action.FIRE && shotCooldown == 0) {
      friendlyBullets.set(cannonX, BOTTOM, true);
      shotCooldown = SHOT_COOLDOWN;
    } else if (action == Action.LEFT) {
      cannonX = Math.max(0, cannonX - 1);
    } else if (action == Action.RIGHT) {
      cannonX = Math.min(SIZE - 1, cannonX + 1);
    }
    friendlyBullets.shift(0, -1);
    enemyBullets.shift(0, 1);
    if (enemyBullets.get(cannonX, BOTTOM) || aliens.get(cannonX, BOTTOM)) {
      terminate();
    }
    if (alienMoveTimer == 0) {
      marchAliens();
    }
    if (alienShotTimer == 0) {
      alienShotTimer = ALIEN_SHOT_INTERVAL;
      int column = nearestAlienColumn();
      enemyBullets.set(column, aliens.lowestInColumn(column), true);
    }
    int reward = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (aliens.get(x, y) && friendlyBullets.get(x, y)) {
          aliens.set(x, y, false);
          friendlyBullets.set(x, y, false);
          reward++;
        }
      }
    }
    shotCooldown = Math.max(0, shotCooldown - 1);
    alienMoveTimer--;
    alienShotTimer--;
    if (aliens.count() == 0) {
      if (ramping() && moveInterval > MIN_MOVE_INTERVAL) {
        moveInterval--;
      }
      fillAliens();
    }
    return reward;
  }

  /** One sideways step, or at the edge a turn and a drop by one row; the fewer aliens, the sooner the next move. */
  private void marchAliens() {
    alienMoveTimer = Math.min(aliens.count(), moveInterval);
    if (aliens.anyInColumn(alienHeading < 0 ? 0 : SIZE - 1)) {
      alienHeading = -alienHeading;
      if (aliens.anyInRow(BOTTOM)) {
        terminate(); // the block cannot drop below the bottom row: it stays where it is, and the episode ends
      } else {
        aliens.shift(0, 1);
      }
    } else {
      aliens.shift(alienHeading, 0);
    }
    if (aliens.get(cannonX, BOTTOM)) {
      terminate();
    }
  }

  /** The occupied column nearest the cannon, the left one of two at the same distance. */
  private int nearestAlienColumn() {
    for (int distance = 0; distance < SIZE; distance++) {
      for (int column : new int[] {cannonX - distance, cannonX + distance}) {
        if (column >= 0 && column < SIZE && aliens.anyInColumn(column)) {
          return column;
        }
      }
    }
    throw new IllegalStateException("no aliens left to fire"); // a cleared wave is refilled at the end of each step
  }

  @Override
  void draw(Frame frame) {
    frame.set(CANNON, cannonX, BOTTOM);
    frame.draw(ALIEN, aliens);
    frame.draw(alienHeading < 0 ? ALIEN_LEFT : ALIEN_RIGHT, aliens);
    frame.draw(FRIENDLY_BULLET, friendlyBullets);
    frame.draw(ENEMY_BULLET, enemyBullets);
  }

  void setCannon(int x) {
    cannonX = x;
  }

  /** Replaces the block by the single alien at (x, y), heading left (−1) or right (+1), moving on the next step. */
  void setSingleAlien(int x, int y, int heading) {
    aliens.clear();
    aliens.set(x, y, true);
    alienHeading = heading;
    alienMoveTimer = 0;
  }

  void addEnemyBullet(int x, int y) {
    enemyBullets.set(x, y, true);
  }

  Grid aliens() {
    return aliens;
  }

  int moveInterval() {
    return moveInterval;
  }
}
