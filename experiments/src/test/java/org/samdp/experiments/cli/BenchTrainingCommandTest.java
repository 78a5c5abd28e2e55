package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shape of {@code samdp bench training}'s table and its refusals (no times are asserted). */
class BenchTrainingCommandTest {

  @Test
  void printsOneRowPerCaseWithTheRobustVariantAgainstItsPlainAlgorithm() {
    // CartPole's PPO preset: 256 steps and 20 updates per iteration, the cheapest of the presets.
    CliRun run = CliRun.of("bench", "training", "--ppo-preset", "cartpole", "--only", "ppo,sa-ppo-convex",
        "--ppo-iterations", "1", "--rounds", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("round 1/1: PPO "), run.out());
    assertTrue(run.out().matches("(?s).*\\n\\| PPO \\| CartPole-v1 \\| 256 \\| \\d+ \\| - \\|\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n\\| SA-PPO convex \\| CartPole-v1 \\| 256 \\| \\d+ \\|"
        + " \\d+\\.\\d\\d× \\|\\n.*"), run.out());
    assertFalse(run.out().contains("DQN"), run.out());
  }

  @Test
  void refusesUnknownRowsAndPresetsWithOneLine() {
    CliRun row = CliRun.of("bench", "training", "--only", "ppo,a2c");
    assertEquals(2, row.exitCode(), row.out());
    assertEquals("samdp: error: --only takes some of ppo,sa-ppo-sgld,sa-ppo-convex,dqn,sa-dqn, got ppo,a2c",
        row.err().strip());
    CliRun preset = CliRun.of("bench", "training", "--ppo-preset", "pong", "--only", "ppo");
    assertEquals(2, preset.exitCode(), preset.out());
    assertTrue(preset.err().strip().startsWith("samdp: error: no preset 'pong' for --algo ppo; presets for ppo are"),
        preset.err());
    CliRun rounds = CliRun.of("bench", "training", "--rounds", "0");
    assertEquals(2, rounds.exitCode(), rounds.out());
    assertEquals(1, rounds.err().strip().lines().count(), rounds.err());
  }
}
