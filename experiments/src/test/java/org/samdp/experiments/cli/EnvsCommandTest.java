package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Smoke tests of {@code samdp envs ...} on tiny budgets. */
class EnvsCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Samdp.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void listShowsRegisteredIdsWithTheirSpaces() {
    Run run = run("envs", "list");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("CartPole-v1"), run.out());
    assertTrue(run.out().contains("Discrete(2)"), run.out());
  }

  @Test
  void checkPassesOnCartPoleAndReportsEachCheck() {
    Run run = run("envs", "check", "CartPole-v1");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("CartPole-v1: PASS"), run.out());
    assertTrue(run.out().contains("seed determinism"), run.out());
    assertTrue(run.out().contains("1 passed, 0 failed"), run.out());
  }

  @Test
  void benchPrintsStepsPerSecond() {
    Run run = run("envs", "bench", "CartPole-v1", "--steps", "2000");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().matches("(?s)CartPole-v1: 2,000 steps in .* steps/s.*"), run.out());
  }

  @Test
  void unknownIdsGetOneLineWithSuggestions() {
    Run run = run("envs", "check", "CartPole-v9");
    assertEquals(2, run.exitCode());
    assertEquals("samdp: error: unknown environment id 'CartPole-v9'; did you mean CartPole-v1",
        run.err().strip().replaceAll("[,?].*", ""));
  }

  @Test
  void badOptionValuesAreRejectedByTheParser() {
    Run run = run("envs", "bench", "CartPole-v1", "--seed", "abc");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Invalid value for option '--seed'"), run.err());
  }
}
