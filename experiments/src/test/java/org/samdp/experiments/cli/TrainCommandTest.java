package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.agents.io.Json;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.run.Provenance;
import org.samdp.experiments.runs.TrainedRun;

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
  void anAtlaRunKeepsItsTrainingAdversaryAsAnOptimalAttackerOfItsAgent() {
    Path out = dir.resolve("atla");
    CliRun run = CliRun.of(args("train", "--algo", "atla-ppo", "--env", "Pendulum-v1", "--set", "adversary.eps=0.2",
        "--out", out.toString()));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("the training adversary is kept as the attacker optimal[atla-training]"),
        run.out());
    try (TrainedRun trained = TrainedRun.open(out); NDManager manager = NDManager.newBaseManager()) {
      assertNotNull(trained.critic(), "the MLP agent's value function serves the critic attack");
      Map<String, Path> attackers = OptimalAdversary.others(trained.victim(), 0.2, Set.of());
      assertEquals(Set.of("optimal[atla-training]"), attackers.keySet());
      assertTrue(OptimalAdversary.others(trained.victim(), 0.1, Set.of()).isEmpty(), "it serves its own eps only");
      Policy kept = Policies.load(attackers.get("optimal[atla-training]"), manager);
      Policy adversary = Policies.load(trained.checkpoint(), "adversary", manager);
      assertEquals(adversary.parameters().get(0).toFloatArray().length, kept.parameters().get(0).toFloatArray().length);
      assertTrue(java.util.Arrays.equals(adversary.parameters().get(0).toFloatArray(),
          kept.parameters().get(0).toFloatArray()), "the final checkpoint's adversary");
    }
  }

  @Test
  void trainWritesARunDirectoryThatResumesAndEvaluates() throws IOException {
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
    assertTrue(resumed.err().contains("resuming " + out + " from iter-000002 (iteration 2 of 2, 512 steps)"),
        resumed.err());
    Provenance provenance = Json.read(out.resolve("provenance.json"), Provenance.class);
    assertEquals(List.of("samdp", "train", "--resume", "--out", out.toString()),
        provenance.resumes().get(0).command());
    assertEquals("iter-000002", provenance.resumes().get(0).checkpoint());
    assertTrue(Files.readString(out.resolve("provenance.json")).contains("[ \"samdp\", \"train\", \"--algo\""),
        "the command as typed");
    CliRun evaluated = CliRun.of("evaluate", "--policy", out.toString(), "--episodes", "2");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(evaluated.out().contains("iter-000002"), evaluated.out());

    // A run that stopped before its first checkpoint has nothing to resume.
    try (var checkpoints = Files.list(out.resolve("checkpoints"))) {
      for (Path path : checkpoints.toList()) {
        try (var files = Files.walk(path)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    CliRun nothing = CliRun.of("train", "--resume", "--out", out.toString());
    assertEquals(2, nothing.exitCode(), nothing.out());
    assertTrue(nothing.err().contains(out + " has no checkpoint to resume from"), nothing.err());
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
    assertTrue(run.err().contains("unknown algorithm 'trpo'; expected one of [ppo, sa-ppo, dqn, sa-dqn, ddpg, sa-ddpg,"
        + " atla-ppo]"), run.err());
    run = CliRun.of(args("train", "--algo", "ppo", "--env", "Pendulum-v9", "--out", out));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown environment id 'Pendulum-v9'"), run.err());
    assertTrue(!Files.exists(dir.resolve("bad")), "a failed start leaves no run behind, not even its directory");
    run = CliRun.of("train", "--resume", "--algo", "ppo", "--out", out);
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("drop --algo"), run.err());
  }

  /** The printed configuration, given back as --config, is the configuration the run records. */
  @Test
  void printConfigShowsTheResolvedConfigurationThatARunFromItRecords() throws IOException {
    CliRun printed = CliRun.of(args("train", "--algo", "sa-ppo", "--preset", "cartpole", "--set", "seed=7",
        "--print-config"));
    assertEquals(0, printed.exitCode(), printed.err());
    assertTrue(printed.out().contains("seed: 7") && printed.out().contains("CartPole-v1"), printed.out());
    Path file = dir.resolve("printed.yaml");
    Files.writeString(file, printed.out());
    Path out = dir.resolve("from-printed");
    CliRun run = CliRun.of("train", "--algo", "sa-ppo", "--config", file.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(printed.out(), Files.readString(out.resolve("config.yaml")));

    CliRun withOut = CliRun.of("train", "--algo", "ppo", "--env", "CartPole-v1", "--print-config", "--out",
        dir.resolve("x").toString());
    assertEquals(2, withOut.exitCode());
    assertTrue(withOut.err().contains("--print-config prints a new run's configuration and trains nothing"),
        withOut.err());
    CliRun noOut = CliRun.of("train", "--algo", "ppo", "--env", "CartPole-v1");
    assertEquals(2, noOut.exitCode());
    assertTrue(noOut.err().contains("--out DIR is required"), noOut.err());
  }

  /**
   * The resolved configuration holds only the keys its network and algorithm use, and it round-trips through
   * --config unchanged.
   */
  @Test
  void printConfigLeavesOutTheKeysTheConfigurationDoesNotUse() throws IOException {
    String ppo = printed("--algo", "ppo", "--env", "CartPole-v1");
    assertFalse(ppo.contains("robust:") || ppo.contains("recurrent:"), ppo);
    assertTrue(ppo.contains("hidden:") && ppo.contains("activation: tanh"), ppo);
    String lstm = printed("--algo", "sa-ppo", "--preset", "hopper-lstm");
    assertTrue(lstm.contains("cell: lstm") && lstm.contains("kappa: 0.3") && lstm.contains("sgldSteps: 2"), lstm);
    assertFalse(lstm.contains("activation:") || lstm.contains("crownIbpWeightStart"), lstm);
    String dqn = printed("--algo", "dqn", "--preset", "cartpole");
    assertFalse(dqn.contains("robust:") || dqn.contains("convs:"), dqn);
    String ddpg = printed("--algo", "ddpg", "--env", "Pendulum-v1");
    assertTrue(ddpg.contains("stateStd:") && !ddpg.contains("kappa:"), "the state std is every attack's unit: " + ddpg);
    String[][] setups = {{"--algo", "sa-ppo", "--preset", "hopper-lstm"}, {"--algo", "dqn", "--preset", "cartpole"},
        {"--algo", "atla-ppo", "--preset", "hopper"}, {"--algo", "sa-ddpg", "--preset", "hopper-sgld"}};
    for (String[] setup : setups) {
      String first = printed(setup);
      Path file = dir.resolve("round-trip.yaml");
      Files.writeString(file, first);
      assertEquals(first, printed("--algo", setup[1], "--config", file.toString()), String.join(" ", setup));
    }
  }

  private static String printed(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--print-config"));
    args.addAll(List.of(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return run.out();
  }

  @Test
  void presetsListsEveryPresetWithItsEnvAndSource() {
    CliRun presets = CliRun.of("presets");
    assertEquals(0, presets.exitCode(), presets.err());
    assertTrue(presets.out().contains("ddpg (--algo ddpg or sa-ddpg)"), presets.out());
    assertTrue(presets.out().lines().anyMatch(l -> l.trim().startsWith("hopper-sgld") && l.contains("Hopper-v4")
        && l.contains("dissertation")), presets.out());
    assertFalse(presets.out().contains("spec §"), "no pointers outside the repository: " + presets.out());
  }

  @Test
  void aConfigFileNamesTheEnvAndAnEnvThatDisagreesIsRefused() throws IOException {
    Path config = dir.resolve("pendulum.yaml");
    Files.writeString(config, "env: Pendulum-v1\n");
    Path fromFile = dir.resolve("from-file");
    CliRun run = CliRun.of(args("train", "--algo", "ppo", "--config", config.toString(), "--out", fromFile.toString()));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("ppo Pendulum-v1: 512 steps"), run.out());
    Path overridden = dir.resolve("overridden");
    run = CliRun.of(args("train", "--algo", "ppo", "--config", config.toString(), "--env", "CartPole-v1", "--out",
        overridden.toString()));
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains("--env CartPole-v1 and " + config + " (env: Pendulum-v1) disagree"), run.err());
    assertFalse(Files.exists(overridden), "a refused start creates nothing");
    run = CliRun.of(args("train", "--algo", "ppo", "--config", config.toString(), "--env", "Pendulum-v1", "--out",
        overridden.toString()));
    assertEquals(0, run.exitCode(), run.err());
    Files.writeString(config, "seed: 3\n");
    run = CliRun.of(args("train", "--algo", "ppo", "--config", config.toString(), "--out",
        dir.resolve("none").toString()));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("names no env; add an env: key to it or give --env"), run.err());
  }

  /** A run killed during training (SIGTERM, handled as Ctrl-C's SIGINT) ends its iteration and saves a checkpoint. */
  @Test
  @Tag("native") // a second JVM
  void aKilledRunFinishesItsIterationAndSavesACheckpoint() throws IOException, InterruptedException {
    Path out = dir.resolve("killed");
    Path log = dir.resolve("killed.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", Samdp.class.getName(), "train",
        "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=20000000", "--set", "run.checkpointEvery=100000",
        "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path metrics = out.resolve("metrics.csv");
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() > 2) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      process.destroy();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the killed run did not end");
    } finally {
      process.destroyForcibly();
    }
    String printed = Files.readString(log);
    assertTrue(printed.contains("samdp: stopped after iteration "), printed);
    int iterations = Files.readAllLines(out.resolve("metrics.csv")).size() - 1;
    assertTrue(Files.isDirectory(out.resolve("checkpoints").resolve(String.format("iter-%06d", iterations))),
        "a checkpoint of the last iteration, " + iterations);
  }
}
