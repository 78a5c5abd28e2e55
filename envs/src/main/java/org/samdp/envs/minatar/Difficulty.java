package org.samdp.envs.minatar;

/**
 * The difficulty ramp of Asterix and Seaquest: how often enemies spawn and move, and how often it has ramped. Each
 * ramp shortens the spawn interval (down to 1) and, every second ramp, the move interval (down to a game's floor).
 */
final class Difficulty {
  private final int minMoveInterval;
  private int spawnInterval;
  private int moveInterval;
  private int rampIndex;

  Difficulty(int spawnInterval, int moveInterval, int minMoveInterval) {
    this.spawnInterval = spawnInterval;
    this.moveInterval = moveInterval;
    this.minMoveInterval = minMoveInterval;
  }

  /** False once both intervals are at their floors. */
  boolean canRamp() {
    return spawnInterval > 1 || moveInterval > minMoveInterval;
  }

  void rampUp() {
    if (moveInterval > minMoveInterval && rampIndex % 2 == 1) {
      moveInterval--;
    }
    if (spawnInterval > 1) {
      spawnInterval--;
    }
    rampIndex++;
  }

  int spawnInterval() {
    return spawnInterval;
  }

  int moveInterval() {
    return moveInterval;
  }
}
