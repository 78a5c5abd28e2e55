package org.samdp.envs.minatar;

import static org.samdp.envs.minatar.MinAtarEnv.SIZE;

/**
 * One observation being drawn: a channel-first {@code [C, 10, 10]} grid of zeros in which a game sets its cells to 1.
 * Cell (channel c, column x, row y) is at flat index {@code (c * 10 + y) * 10 + x}.
 */
final class Frame {
  private final double[] cells;

  Frame(int channels) {
    cells = new double[channels * SIZE * SIZE];
  }

  void set(int channel, int x, int y) {
    cells[(channel * SIZE + y) * SIZE + x] = 1;
  }

  /** Sets the cell if it lies on the grid (trails behind things at the edge fall off it). */
  void setIfOnGrid(int channel, int x, int y) {
    if (MinAtarEnv.onGrid(x, y)) {
      set(channel, x, y);
    }
  }

  /** Copies the occupied cells of {@code grid} into {@code channel}. */
  void draw(int channel, Grid grid) {
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (grid.get(x, y)) {
          set(channel, x, y);
        }
      }
    }
  }

  double[] cells() {
    return cells;
  }
}
