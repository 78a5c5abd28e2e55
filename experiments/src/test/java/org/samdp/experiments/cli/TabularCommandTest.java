package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TabularCommandTest {

  @Test
  void threeStatePrintsThePapersNumbers() {
    CliRun run = CliRun.of("tabular", "three-state");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("MDP-optimal (p11=0 p21=1 p31=1)          100.00  100.00  100.00       0.00"),
        run.out());
    assertTrue(run.out().contains("33.67   33.00   33.33"), run.out());
  }

  @Test
  void gridworldShowsTheStartValueDroppingUnderAttack() {
    CliRun run = CliRun.of("tabular", "gridworld");
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    int clean = indexOf(lines, "no adversary:");
    int attacked = indexOf(lines, "under the optimal adversary:");
    assertEquals("0.478", lines[clean + 1].trim().split("\\s+")[0]);
    assertEquals("-4.737", lines[attacked + 1].trim().split("\\s+")[0]);
  }

  private static int indexOf(String[] lines, String suffix) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith(suffix)) {
        return i;
      }
    }
    throw new AssertionError("no line ends with " + suffix);
  }
}
