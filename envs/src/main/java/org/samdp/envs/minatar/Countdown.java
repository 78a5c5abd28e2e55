package org.samdp.envs.minatar;

/**
 * MinAtar's per-thing countdown: each step it either reaches 0, and then the event (a move, a shot) happens and the
 * countdown restarts, or it decreases by 1. An event with restart value n therefore happens once every n + 1 steps.
 */
final class Countdown {
  private int remaining;

  Countdown(int remaining) {
    this.remaining = remaining;
  }

  /** Advances one step; true when the event happens on this step. */
  boolean elapse(int restart) {
    if (remaining == 0) {
      remaining = restart;
      return true;
    }
    remaining--;
    return false;
  }

  void restart(int value) {
    remaining = value;
  }
}
