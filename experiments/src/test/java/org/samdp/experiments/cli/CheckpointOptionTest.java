package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.run.Checkpoints;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;

/** {@code --checkpoint best|latest|iter-N} of evaluate, attack, certify and report on a tiny CartPole run. */
class CheckpointOptionTest {
  @TempDir
  static Path dir;

  private static Path run;
  private static String best;

  /** Three iterations of 256 steps, evaluated after each; one iteration checkpoint kept beside the best. */
  @BeforeAll
  static void train() {
    run = dir.resolve("ppo");
    CliRun train = CliRun.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=768", "--set",
        "ppo.stepsPerIteration=256", "--set", "ppo.minibatchSize=64", "--set", "run.evalEpisodes=0", "--set",
        "run.evalEvery=256", "--set", "run.evalDuringTraining=2", "--set", "run.checkpointEvery=1", "--set",
        "run.keepCheckpoints=1", "--out", run.toString());
    assertEquals(0, train.exitCode(), train.err());
    best = new Checkpoints(run.resolve("checkpoints")).best().orElseThrow().getFileName().toString();
  }

  @Test
  void attackCertifyAndReportUseTheCheckpointTheyAreGivenAndSaySo() {
    CliRun attackBest = CliRun.of("attack", "--run", run.toString(), "--checkpoint", "best", "--attack", "random",
        "--eps", "0.1", "--episodes", "2");
    assertEquals(0, attackBest.exitCode(), attackBest.err());
    assertTrue(attackBest.out().contains(best), attackBest.out());
    assertEquals(best, Path.of(AttackResults.FILE.read(run).checkpoint()).getFileName().toString());

    CliRun attackLatest = CliRun.of("attack", "--run", run.toString(), "--checkpoint", "latest", "--attack",
        "random", "--eps", "0.1", "--episodes", "2");
    assertEquals(0, attackLatest.exitCode(), attackLatest.err());
    assertEquals("iter-000003", Path.of(AttackResults.FILE.read(run).checkpoint()).getFileName().toString());

    CliRun certify = CliRun.of("certify", "--run", run.toString(), "--checkpoint", "iter-3", "--eps", "0.05",
        "--episodes", "1", "--method", "IBP", "--max-radius", "0");
    assertEquals(0, certify.exitCode(), certify.err());
    assertTrue(certify.out().contains("iter-000003"), certify.out());
    assertEquals("iter-000003", Path.of(CertificateResults.FILE.read(run).checkpoint()).getFileName().toString());

    // The best checkpoint's attack results were kept beside attacks.json when the latest's replaced them.
    CliRun reportBest = CliRun.of("report", run.toString(), "--checkpoint", "best", "--out",
        dir.resolve("report-best").toString());
    assertEquals(0, reportBest.exitCode(), reportBest.err());
    assertTrue(reportBest.out().contains(best + " (2)"), reportBest.out());
    CliRun reportLatest = CliRun.of("report", run.toString(), "--checkpoint", "latest", "--out",
        dir.resolve("report-latest").toString());
    assertEquals(0, reportLatest.exitCode(), reportLatest.err());
    assertTrue(reportLatest.out().contains("iter-000003 (2)"), reportLatest.out());
  }

  @Test
  void evaluateUsesTheCheckpointItIsGivenAndSaysWhich() {
    CliRun evaluateBest = CliRun.of("evaluate", "--policy", run.toString(), "--checkpoint", "best", "--episodes", "1");
    assertEquals(0, evaluateBest.exitCode(), evaluateBest.err());
    assertTrue(evaluateBest.out().contains(best + ")"), evaluateBest.out());
    CliRun evaluateIteration = CliRun.of("evaluate", "--policy", run.toString(), "--checkpoint", "iter-3",
        "--episodes", "1");
    assertEquals(0, evaluateIteration.exitCode(), evaluateIteration.err());
    assertTrue(evaluateIteration.out().contains("iter-000003)"), evaluateIteration.out());
    assertRefused(CliRun.of("evaluate", "--policy", run.toString(), "--checkpoint", "iter-1"),
        "has no checkpoint 'iter-1'; it has [latest, best, iter-3]");
  }

  @Test
  void aCheckpointTheRunDoesNotHaveIsRefusedNamingThoseItHas() {
    CliRun pruned = CliRun.of("attack", "--run", run.toString(), "--checkpoint", "iter-1", "--eps", "0.1");
    assertRefused(pruned, "has no checkpoint 'iter-1'; it has [latest, best, iter-3]");
    CliRun malformed = CliRun.of("certify", "--run", run.toString(), "--checkpoint", "newest", "--eps", "0.1");
    assertRefused(malformed, "--checkpoint must be best, latest or iter-N");
    CliRun onACheckpoint = CliRun.of("attack", "--run", run.resolve("checkpoints").resolve(best).toString(),
        "--checkpoint", "best", "--eps", "0.1");
    assertRefused(onACheckpoint, "is a checkpoint already");
  }

  private static void assertRefused(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains(message), run.err());
  }
}
