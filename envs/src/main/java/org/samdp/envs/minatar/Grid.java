package org.samdp.envs.minatar;

import static org.samdp.envs.minatar.MinAtarEnv.SIZE;

/** A 10×10 map of occupied cells, by column x and row y (row 0 at the top): bricks, aliens, bullets. */
final class Grid {
  private boolean[] cells = new boolean[SIZE * SIZE];

  boolean get(int x, int y) {
    return cells[y * SIZE + x];
  }

  void set(int x, int y, boolean occupied) {
    cells[y * SIZE + x] = occupied;
  }

  void clear() {
    cells = new boolean[SIZE * SIZE];
  }

  /** Occupies rows {@code fromRow..toRow} and columns {@code fromColumn..toColumn}, all inclusive. */
  void fill(int fromColumn, int toColumn, int fromRow, int toRow) {
    for (int y = fromRow; y <= toRow; y++) {
      for (int x = fromColumn; x <= toColumn; x++) {
        set(x, y, true);
      }
    }
  }

  int count() {
    int count = 0;
    for (boolean cell : cells) {
      count += cell ? 1 : 0;
    }
    return count;
  }

  boolean anyInRow(int y) {
    for (int x = 0; x < SIZE; x++) {
      if (get(x, y)) {
        return true;
      }
    }
    return false;
  }

  boolean anyInColumn(int x) {
    return lowestInColumn(x) >= 0;
  }

  /** The lowest (largest) occupied row of column x, or −1 if the column is empty. */
  int lowestInColumn(int x) {
    for (int y = SIZE - 1; y >= 0; y--) {
      if (get(x, y)) {
        return y;
      }
    }
    return -1;
  }

  /** Moves every occupied cell by (dx, dy); what leaves the grid is gone. */
  void shift(int dx, int dy) {
    boolean[] shifted = new boolean[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int toX = x + dx;
        int toY = y + dy;
        if (get(x, y) && MinAtarEnv.onGrid(toX, toY)) {
          shifted[toY * SIZE + toX] = true;
        }
      }
    }
    cells = shifted;
  }
}
