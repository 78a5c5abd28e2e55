package org.samdp.envs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.tabular.GridWorld.DOWN;
import static org.samdp.envs.tabular.GridWorld.LEFT;
import static org.samdp.envs.tabular.GridWorld.RIGHT;
import static org.samdp.envs.tabular.GridWorld.UP;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridWorldTest {
  private final GridWorld grid = GridWorld.figure66();
  private final SaMdp mdp = grid.saMdp();

  @Test
  void readsTheLayout() {
    assertEquals(5, grid.rows());
    assertEquals(5, grid.columns());
    assertEquals(25, mdp.numStates());
    assertEquals(List.of("up", "down", "left", "right"), mdp.actions());
    assertEquals(grid.state(0, 0), grid.start());
    assertEquals(grid.state(4, 4), grid.target());
    assertEquals(List.of(grid.state(1, 1), grid.state(1, 3), grid.state(3, 1), grid.state(3, 3)), grid.traps());
    assertEquals("(2,3)", mdp.states().get(grid.state(2, 3)));
    assertEquals(0.9, mdp.gamma());
  }

  @Test
  void movesAreDeterministicAndTheBorderStopsThem() {
    int centre = grid.state(2, 2);
    assertEquals(1.0, mdp.probability(centre, UP, grid.state(1, 2)));
    assertEquals(1.0, mdp.probability(centre, DOWN, grid.state(3, 2)));
    assertEquals(1.0, mdp.probability(centre, LEFT, grid.state(2, 1)));
    assertEquals(1.0, mdp.probability(centre, RIGHT, grid.state(2, 3)));
    assertEquals(1.0, mdp.probability(grid.start(), UP, grid.start()));
    assertEquals(1.0, mdp.probability(grid.start(), LEFT, grid.start()));
  }

  @Test
  void enteringTheTargetPaysOneAndEndsTheGame() {
    assertEquals(1.0, mdp.reward(grid.state(3, 4), DOWN, grid.target()));
    assertEquals(1.0, mdp.reward(grid.state(4, 3), RIGHT, grid.target()));
    for (int a = 0; a < 4; a++) {
      assertEquals(1.0, mdp.probability(grid.target(), a, grid.target()));
      assertEquals(0.0, mdp.reward(grid.target(), a, grid.target()));
    }
  }

  @Test
  void everyStepEndingOnATrapCostsOneAndTheGameGoesOn() {
    int trap = grid.state(1, 1);
    assertEquals(-1.0, mdp.reward(grid.state(0, 1), DOWN, trap));
    assertEquals(-1.0, mdp.reward(grid.state(1, 0), RIGHT, trap));
    assertEquals(0.0, mdp.reward(trap, UP, grid.state(0, 1)));
    assertEquals(1.0, mdp.probability(trap, UP, grid.state(0, 1)));
    assertEquals(0.0, mdp.reward(grid.state(0, 1), RIGHT, grid.state(0, 2)));
  }

  @Test
  void theAdversaryMayShowTheCellOrAFourNeighbour() {
    assertEquals(List.of(grid.state(0, 0), grid.state(0, 1), grid.state(1, 0)), mdp.perturbationSet(grid.start()));
    assertEquals(List.of(grid.state(1, 2), grid.state(2, 1), grid.state(2, 2), grid.state(2, 3), grid.state(3, 2)),
        mdp.perturbationSet(grid.state(2, 2)));
    assertEquals(List.of(grid.state(3, 4), grid.state(4, 3), grid.state(4, 4)), mdp.perturbationSet(grid.target()));
  }

  @Test
  void aBorderMoveOnATrapCostsAgain() {
    GridWorld corner = GridWorld.of(List.of("x.", "ST"), 0.5);
    assertEquals(1.0, corner.saMdp().probability(0, UP, 0));
    assertEquals(-1.0, corner.saMdp().reward(0, UP, 0));
  }

  @Test
  void rejectsBadLayouts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridWorld.of(List.of("S..", ".T"), 0.9));
    assertTrue(e.getMessage().startsWith("layout row 1 is \".T\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridWorld.of(List.of("S.#", "..T"), 0.9));
    assertTrue(e.getMessage().startsWith("layout cell (0,2) is '#'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GridWorld.of(List.of("S.T", "..T"), 0.9));
    assertTrue(e.getMessage().contains("got 1 S and 2 T"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GridWorld.of(List.of("...", "..T"), 0.9));
    assertThrows(IllegalArgumentException.class, () -> GridWorld.of(List.of(), 0.9));
    assertThrows(IllegalArgumentException.class, () -> GridWorld.of(List.of("ST"), 1.5));
    assertThrows(IllegalArgumentException.class, () -> grid.state(5, 0));
  }
}
