package org.samdp.envs.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A GridWorld SA-MDP in the spirit of dissertation Figure 6.6. Every cell is a state, numbered row by row
 * ({@code row * columns + column}) and named {@code (row,column)}; the actions move up, down, left and right, and a
 * move into the border leaves the agent where it is. Entering the target pays +1 and ends the game (the target is
 * absorbing and pays nothing more); every step that ends on a trap pays −1, and traps do not end the game, so an
 * agent can be made to "repeatedly encounter a trap" as in the figure. The adversary may show the true cell or one of
 * its neighbours up, down, left or right.
 *
 * <p>A layout is a list of equal-length rows of {@code S} (start, exactly one), {@code T} (target, exactly one),
 * {@code x} (trap) and {@code .} (free). The figure itself cannot be read from the dissertation's text, so
 * {@link #figure66()} uses a layout of our own with the figure's ingredients and its γ = 0.9:
 *
 * <pre>
 *   S . . . .
 *   . x . x .
 *   . . . . .
 *   . x . x .
 *   . . . . T
 * </pre>
 */
public final class GridWorld {
  /** Action: one row up. */
  public static final int UP = 0;
  /** Action: one row down. */
  public static final int DOWN = 1;
  /** Action: one column left. */
  public static final int LEFT = 2;
  /** Action: one column right. */
  public static final int RIGHT = 3;
  /** The discount of Figure 6.6, for agent and adversary. */
  public static final double FIGURE_6_6_GAMMA = 0.9;
  /** The layout of {@link #figure66()}. */
  public static final List<String> FIGURE_6_6_LAYOUT = List.of("S....", ".x.x.", ".....", ".x.x.", "....T");

  private static final int[] ROW_STEP = {-1, 1, 0, 0};
  private static final int[] COLUMN_STEP = {0, 0, -1, 1};

  private final List<String> layout;
  private final int rows;
  private final int columns;
  private final int start;
  private final int target;
  private final List<Integer> traps;
  private final SaMdp saMdp;

  private GridWorld(List<String> layout, double gamma) {
    Objects.requireNonNull(layout, "layout");
    if (layout.isEmpty() || layout.get(0) == null || layout.get(0).isEmpty()) {
      throw new IllegalArgumentException("a GridWorld layout needs at least one row and one column");
    }
    this.layout = List.copyOf(layout);
    this.rows = layout.size();
    this.columns = layout.get(0).length();
    List<Integer> startCells = new ArrayList<>();
    List<Integer> targetCells = new ArrayList<>();
    List<Integer> trapCells = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      String line = layout.get(row);
      if (line.length() != columns) {
        throw new IllegalArgumentException("layout row " + row + " is \"" + line + "\", every row must have "
            + columns + " cells like row 0");
      }
      for (int column = 0; column < columns; column++) {
        int cell = row * columns + column;
        switch (line.charAt(column)) {
          case 'S' -> startCells.add(cell);
          case 'T' -> targetCells.add(cell);
          case 'x' -> trapCells.add(cell);
          case '.' -> { }
          default -> throw new IllegalArgumentException("layout cell (" + row + "," + column + ") is '"
              + line.charAt(column) + "'; use S (start), T (target), x (trap) or . (free)");
        }
      }
    }
    if (startCells.size() != 1 || targetCells.size() != 1) {
      throw new IllegalArgumentException("a GridWorld layout needs exactly one S and one T, got "
          + startCells.size() + " S and " + targetCells.size() + " T in " + layout);
    }
    this.start = startCells.get(0);
    this.target = targetCells.get(0);
    this.traps = List.copyOf(trapCells);
    this.saMdp = buildSaMdp(gamma);
  }

  /** The GridWorld of Figure 6.6 as described in the class comment, γ = 0.9. */
  public static GridWorld figure66() {
    return of(FIGURE_6_6_LAYOUT, FIGURE_6_6_GAMMA);
  }

  /**
   * A GridWorld from a layout (see the class comment) and a discount.
   *
   * @throws IllegalArgumentException if the layout is empty or ragged, has an unknown character, or does not have
   *     exactly one start and one target
   */
  public static GridWorld of(List<String> layout, double gamma) {
    return new GridWorld(layout, gamma);
  }

  private SaMdp buildSaMdp(double gamma) {
    List<String> states = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        states.add("(" + row + "," + column + ")");
      }
    }
    SaMdp.Builder builder = SaMdp.builder(states, List.of("up", "down", "left", "right"), gamma);
    for (int cell = 0; cell < rows * columns; cell++) {
      List<Integer> observable = new ArrayList<>(List.of(cell));
      for (int a = 0; a < ROW_STEP.length; a++) {
        int next = move(cell, a);
        if (next != cell) {
          observable.add(next);
        }
        if (cell == target) {
          builder.transition(cell, a, cell, 1.0);
          continue;
        }
        builder.transition(cell, a, next, 1.0);
        if (next == target) {
          builder.reward(cell, a, next, 1.0);
        } else if (traps.contains(next)) {
          builder.reward(cell, a, next, -1.0);
        }
      }
      builder.perturbationSet(cell, observable.stream().mapToInt(Integer::intValue).toArray());
    }
    return builder.build();
  }

  /** The cell one step from {@code cell} in direction {@code a}, or {@code cell} at the border. */
  private int move(int cell, int a) {
    int row = cell / columns + ROW_STEP[a];
    int column = cell % columns + COLUMN_STEP[a];
    return row < 0 || row >= rows || column < 0 || column >= columns ? cell : row * columns + column;
  }

  /** The SA-MDP: one state per cell, actions up/down/left/right, B(s) = the cell and its 4-neighbours. */
  public SaMdp saMdp() {
    return saMdp;
  }

  /** The layout rows. */
  public List<String> layout() {
    return layout;
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of columns. */
  public int columns() {
    return columns;
  }

  /** The state of the start cell. */
  public int start() {
    return start;
  }

  /** The state of the target cell. */
  public int target() {
    return target;
  }

  /** The states of the trap cells, ascending. */
  public List<Integer> traps() {
    return traps;
  }

  /**
   * The state of a cell.
   *
   * @throws IllegalArgumentException outside the grid
   */
  public int state(int row, int column) {
    if (row < 0 || row >= rows || column < 0 || column >= columns) {
      throw new IllegalArgumentException("cell (" + row + "," + column + ") is outside the " + rows + "x" + columns
          + " grid");
    }
    return row * columns + column;
  }

  @Override
  public String toString() {
    return "GridWorld" + layout + " gamma=" + saMdp.gamma();
  }
}
