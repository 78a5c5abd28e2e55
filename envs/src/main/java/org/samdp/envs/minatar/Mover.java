package org.samdp.envs.minatar;

import static org.samdp.envs.minatar.MinAtarEnv.SIZE;

/**
 * Something that travels along its row one column at a time, heading left or right: Freeway's cars, Asterix's enemies
 * and gold, Seaquest's fish, subs, divers and bullets. Things that move on their own schedule use {@link #countdown}.
 */
class Mover {
  int x;
  final int y;
  boolean headingRight;
  final Countdown countdown;

  Mover(int x, int y, boolean headingRight, int countdown) {
    this.x = x;
    this.y = y;
    this.headingRight = headingRight;
    this.countdown = new Countdown(countdown);
  }

  /** One column forward; the mover may leave the grid (see {@link #onGrid()}). */
  void advance() {
    x += headingRight ? 1 : -1;
  }

  /** One column forward, coming back in on the other side when it leaves the grid. */
  void advanceWrapping() {
    x = Math.floorMod(x + (headingRight ? 1 : -1), SIZE);
  }

  boolean onGrid() {
    return x >= 0 && x < SIZE;
  }

  boolean at(int cellX, int cellY) {
    return x == cellX && y == cellY;
  }

  boolean sameCell(Mover other) {
    return at(other.x, other.y);
  }

  /** The column it came from, where its trail is drawn (possibly off the grid). */
  int behindX() {
    return headingRight ? x - 1 : x + 1;
  }
}
