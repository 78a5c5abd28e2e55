package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A misspelt command is one error line with a suggestion, also when {@code --help} follows it. */
class MisspeltCommandTest {

  @Test
  void aMisspeltCommandWithHelpFailsAndSuggestsTheCommand() {
    CliRun run = CliRun.of("trian", "--help");
    assertEquals(2, run.exitCode(), run.out());
    assertEquals("", run.out());
    assertEquals("samdp: error: Unmatched argument at index 0: 'trian'; did you mean train? (see: samdp --help)",
        run.err().strip());
  }

  @Test
  void aMisspeltSubcommandOfAGroupFailsToo() {
    CliRun run = CliRun.of("bench", "trainig", "--help");
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().strip().startsWith("samdp: error: Unmatched argument at index 1: 'trainig'; did you mean"
        + " training?"), run.err());
  }

  @Test
  void helpOfARealCommandStillSucceeds() {
    CliRun run = CliRun.of("train", "--help");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Usage: samdp train"), run.out());
  }
}
