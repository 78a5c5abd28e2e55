package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of {@code samdp train} and {@code samdp evaluate} on a tiny budget. */
class TrainCommandTest {
  @TempDir
  Path dir;

  private static final String[] TINY = {"--set", "totalSteps=512", "--set", "ppo.stepsPerIteration=256", "--set",
      "ppo.epochs=1", "--set", "run.evalEpisodes=2"};

  private static String[] args(String... first) {
    String[] all = new String[first.length + TINY.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(TINY, 0, all, first.length, TINY.length);
    return all;
  }

  @Test
  void trainWritesARunDirectoryThatResumesAndEvaluates() {
    Path out = dir.resolve("run");
    CliRun run = CliRun.of(args("train", "--algo", "sa-ppo", "--env", "CartPole-v1", "--out", out.toString()));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("sa-ppo CartPole-v1: 512 steps"), run.out());
    assertTrue(run.out().contains("deterministic return over 2 episodes on CartPole-v1"), run.out());
    for (String file : new String[] {"config.yaml", "provenance.json", "metrics.csv", "evaluation.json",
        "checkpoints/latest", "checkpoints/iter-000002/policy.json"}) {
      assertTrue(Files.exists(out.resolve(file)), file);
    }
    CliRun resumed = CliRun.of("train", "--resume", "--out", out.toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    CliRun evaluated = CliRun.of("evaluate", "--policy", out.toString(), "--episodes", "2");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(evaluated.out().contains("iter-000002"), evaluated.out());
  }

  @Test
  void badInputGetsOneLineThatSaysWhatToDo() {
    String out = dir.resolve("bad").toString();
    CliRun run = CliRun.of(args("train", "--algo", "ppo", "--env", "Pendulum-v1", "--out", out, "--set",
        "robust.eps=-1"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("samdp: error: ") && run.err().contains("robust.eps must be >= 0"), run.err());
    run = CliRun.of(args("train", "--algo", "trpo", "--env", "Pendulum-v1", "--out", out));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown algorithm 'trpo'; expected one of [ppo, sa-ppo, dqn, sa-dqn]"), run.err());
    run = CliRun.of(args("train", "--algo", "ppo", "--env", "Pendulum-v9", "--out", out));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown environment id 'Pendulum-v9'"), run.err());
    assertTrue(!Files.exists(dir.resolve("bad").resolve("config.yaml")), "a failed start leaves no run behind");
    run = CliRun.of("train", "--resume", "--algo", "ppo", "--out", out);
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("drop --algo"), run.err());
  }
}
