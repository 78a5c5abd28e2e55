package org.samdp.envs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabularPolicyTest {
  @Test
  void holdsACopyOfItsTable() {
    double[][] table = {{0.25, 0.75}, {1, 0}};
    TabularPolicy pi = TabularPolicy.of(table);
    table[0][0] = 1;
    assertEquals(0.25, pi.probability(0, 0));
    assertEquals(0.75, pi.probability(0, 1));
    assertEquals(2, pi.numStates());
    assertEquals(2, pi.numActions());
  }

  @Test
  void deterministicAndUniformPoliciesEqualTheirTables() {
    assertEquals(TabularPolicy.of(new double[][] {{0, 1, 0}, {1, 0, 0}}),
        TabularPolicy.deterministic(3, List.of(1, 0)));
    assertEquals(TabularPolicy.of(new double[][] {{0.5, 0.5}}), TabularPolicy.uniform(1, 2));
    assertNotEquals(TabularPolicy.uniform(1, 2), TabularPolicy.deterministic(2, List.of(0)));
  }

  @Test
  void rejectsRowsThatAreNotDistributions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TabularPolicy.of(new double[][] {{0.5, 0.5}, {0.5, 0.6}}));
    assertTrue(e.getMessage().startsWith("pi(.|1) sums to 1.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TabularPolicy.of(new double[][] {{1.5, -0.5}}));
    assertThrows(IllegalArgumentException.class, () -> TabularPolicy.of(new double[][] {{Double.NaN, 1}}));
  }

  @Test
  void rejectsRaggedAndEmptyTables() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TabularPolicy.of(new double[][] {{0.5, 0.5}, {1}}));
    assertEquals("policy row 1 has 1 entries, row 0 has 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TabularPolicy.of(new double[0][]));
    assertThrows(IllegalArgumentException.class, () -> TabularPolicy.uniform(0, 2));
  }

  @Test
  void rejectsDeterministicActionsOutOfRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TabularPolicy.deterministic(2, List.of(0, 2)));
    assertEquals("action 2 for state 1 is outside [0, 2)", e.getMessage());
  }
}
