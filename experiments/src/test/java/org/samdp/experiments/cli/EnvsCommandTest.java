package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Smoke tests of {@code samdp envs ...} on tiny budgets. */
class EnvsCommandTest {

  @Test
  @Tag("native") // lists every registered env, the MuJoCo ones included
  void listShowsRegisteredIdsWithTheirSpaces() {
    CliRun run = CliRun.of("envs", "list");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("CartPole-v1"), run.out());
    assertTrue(run.out().contains("Discrete(2)"), run.out());
    assertTrue(run.out().matches("(?s).*MinAtar/Breakout-v1 +Box\\(4, 10, 10\\) uint8 .*"), run.out());
    // Every column starts where its header does.
    String[] lines = run.out().split("\n");
    int actions = lines[0].indexOf("action space");
    for (String line : lines) {
      assertEquals(' ', line.charAt(actions - 1), "misaligned: " + line);
      assertTrue(line.charAt(actions) != ' ', "misaligned: " + line);
    }
  }

  @Test
  void checkPassesOnCartPoleAndReportsEachCheck() {
    CliRun run = CliRun.of("envs", "check", "CartPole-v1");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("CartPole-v1: PASS"), run.out());
    assertTrue(run.out().contains("seed determinism"), run.out());
    assertTrue(run.out().contains("1 passed, 0 failed"), run.out());
  }

  @Test
  void benchPrintsStepsPerSecond() {
    CliRun run = CliRun.of("envs", "bench", "CartPole-v1", "--steps", "2000");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().matches("(?s)CartPole-v1: 2,000 steps in .* steps/s.*"), run.out());
  }

  @Test
  void unknownIdsGetOneLineWithSuggestions() {
    CliRun run = CliRun.of("envs", "check", "CartPole-v9");
    assertEquals(2, run.exitCode());
    assertEquals("samdp: error: unknown environment id 'CartPole-v9'; did you mean CartPole-v1, CartPole-v0?"
        + " (`samdp envs list` shows every id)", run.err().strip());
  }

  @Test
  void badOptionValuesAreRejectedByTheParser() {
    CliRun run = CliRun.of("envs", "bench", "CartPole-v1", "--seed", "abc");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Invalid value for option '--seed'"), run.err());
  }
}
