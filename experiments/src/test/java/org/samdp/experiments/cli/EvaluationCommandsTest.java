package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.CertificateSummary;
import org.samdp.agents.io.Json;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.rollout.VisitedStatistics;
import org.samdp.experiments.report.ReportTable;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.ReturnSummary;
import org.samdp.experiments.runs.TrainedRun;

/**
 * {@code train → attack → certify → report} on two tiny CartPole runs (PPO and SA-PPO, a few seconds of training), and
 * every way the commands refuse bad input: one line on stderr, exit code 2, no results file written or changed.
 */
class EvaluationCommandsTest {
  @TempDir
  static Path dir;

  private static Path ppo;
  private static Path saPpo;

  /** Two iterations of 256 steps: the run is not trained, only complete. */
  private static Path train(String algorithm) {
    return train(algorithm, algorithm);
  }

  private static Path train(String algorithm, String name) {
    Path out = dir.resolve(name);
    CliRun run = CliRun.of("train", "--algo", algorithm, "--preset", "cartpole", "--set", "totalSteps=512", "--set",
        "ppo.stepsPerIteration=256", "--set", "ppo.minibatchSize=64", "--set", "run.evalEpisodes=0", "--out",
        out.toString());
    assertEquals(0, run.exitCode(), run.err());
    return out;
  }

  @BeforeAll
  static void trainTwoTinyRuns() {
    ppo = train("ppo");
    saPpo = train("sa-ppo");
  }

  private static void assertRefused(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().startsWith("samdp: error: "), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains(message), run.err());
  }

  /** The file a command's last line says it wrote. */
  private static Path writtenTo(CliRun run) {
    return Path.of(run.out().lines().filter(l -> l.startsWith("written to ")).reduce((a, b) -> b).orElseThrow()
        .substring("written to ".length()));
  }

  private static byte[] bytesOrNull(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllBytes(file) : null;
  }

  @Test
  void trainAttackCertifyAndReport() throws IOException {
    CliRun attack = CliRun.of("attack", "--run", ppo.toString(), "--eps", "0.1,0.3", "--episodes", "3");
    assertEquals(0, attack.exitCode(), attack.err());
    assertTrue(attack.out().contains("strongest attack: "), attack.out());
    AttackResults attacks = AttackResults.FILE.read(ppo);
    assertEquals(List.of(0.1, 0.3), attacks.evaluations().stream().map(AttackResults.AtEps::eps).toList());
    assertEquals("ppo", attacks.algorithm());
    for (AttackResults.AtEps e : attacks.evaluations()) {
      assertEquals(List.of("critic", "mad", "random"), e.attacks().keySet().stream().sorted().toList());
      assertEquals(3, e.natural().returns().size());
      String lowest = e.attacks().entrySet().stream()
          .min(Comparator.comparingDouble((Map.Entry<String, ReturnSummary> a) -> a.getValue().mean())).orElseThrow()
          .getKey();
      assertEquals(e.attacks().get(lowest).mean(), e.attacks().get(e.strongest()).mean());
    }

    // Another radius with one attack adds to the file.
    CliRun more = CliRun.of("attack", "--run", ppo.toString(), "--attack", "random", "--eps", "0.5", "--episodes", "3");
    assertEquals(0, more.exitCode(), more.err());
    AttackResults merged = AttackResults.FILE.read(ppo);
    assertEquals(List.of(0.1, 0.3, 0.5), merged.evaluations().stream().map(AttackResults.AtEps::eps).toList());
    assertEquals(List.of("random"), List.copyOf(merged.evaluations().get(2).attacks().keySet()));
    assertEquals(attacks.evaluations().get(0), merged.evaluations().get(0));

    CliRun certify = CliRun.of("certify", "--run", saPpo.toString(), "--eps", "0.05", "--episodes", "2");
    assertEquals(0, certify.exitCode(), certify.err());
    assertTrue(certify.out().contains("action certification rate"), certify.out());
    CertificateSummary certificates = CertificateResults.FILE.read(saPpo).evaluations().get(0).certificates();
    assertNotNull(certificates.certifiedRate(), "a categorical policy's arg-max action is certified or not");
    assertNotNull(certificates.klBound());
    assertNotNull(certificates.certifiedRadius());
    assertEquals(certificates.steps(), certificates.certifiedRadius().count());

    CliRun table = CliRun.of("report", ppo.toString(), saPpo.toString());
    assertEquals(0, table.exitCode(), table.err());
    CliRun again = CliRun.of("report", ppo.toString());
    assertEquals(0, again.exitCode(), again.err());
    Path report = writtenTo(table).getParent();
    assertEquals(dir.toAbsolutePath(), report.getParent(), "reports go beside the runs");
    assertTrue(!writtenTo(again).equals(writtenTo(table)) && Files.isRegularFile(writtenTo(table)),
        "a second report must not overwrite the first: " + again.out());
    String markdown = Files.readString(report.resolve("report.md"));
    assertTrue(markdown.contains("| Env | ε | Method | Training ε / κ | Natural | Critic | Random | MAD | Best attack |"
        + " Action cert. rate | KL bound | Checkpoint (episodes) |"), markdown);
    String row = markdown.lines().filter(l -> l.startsWith("| CartPole-v1 | 0.3 | PPO (vanilla) | ")).findFirst()
        .orElseThrow();
    assertEquals(1, row.split("\\*\\*", -1).length / 2, "the strongest attack in bold: " + row);
    assertTrue(row.endsWith(" (3) |"), "the row names its checkpoint and episode count: " + row);
    assertTrue(markdown.contains("| CartPole-v1 | 0.05 | SA-PPO (SGLD) | 0.1 / 0.1 | – | "), markdown);
    assertTrue(table.out().contains("| CartPole-v1 | 0.1 | PPO (vanilla) | "), table.out());
    byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G'};
    for (String png : List.of("learning_curves.png", "return_vs_eps_CartPole-v1.png", "return_vs_eps_ppo.png")) {
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(report.resolve(png)), 4);
      assertArrayEquals(pngMagic, head, png);
      assertTrue(markdown.contains("](" + png + ")"), markdown);
    }
    assertFalse(Files.exists(report.resolve("return_vs_eps_sa-ppo.png")), "sa-ppo was not attacked");
  }

  @Test
  void certifyCoversARecurrentPolicysWholeHistoryThroughAWindow() {
    Path out = dir.resolve("ppo-lstm");
    CliRun train = CliRun.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=128", "--set", "ppo.minibatchSize=128", "--set", "run.evalEpisodes=0", "--set",
        "recurrent.cell=lstm", "--set", "recurrent.embedding=8", "--set", "recurrent.hidden=8", "--out",
        out.toString());
    assertEquals(0, train.exitCode(), train.err());
    CliRun certify = CliRun.of("certify", "--run", out.toString(), "--eps", "0.05", "--episodes", "2", "--window",
        "3");
    assertEquals(0, certify.exitCode(), certify.err());
    assertTrue(certify.out().contains("last 3 steps through the cell"), certify.out());
    CertificateResults results = CertificateResults.FILE.read(out);
    assertEquals(3, results.window());
    CertificateSummary certificates = results.evaluations().get(0).certificates();
    assertNotNull(certificates.certifiedRate(), "a categorical policy's arg-max action is certified or not");
    assertNotNull(certificates.klBound());
    assertTrue(certificates.steps() > 6, "every step of both episodes: " + certificates.steps());
  }

  @Test
  @Tag("native") // InvertedPendulum-v4: MuJoCo
  void theDemoRunsTheWholeWorkflowOnATinyBudget() throws IOException {
    Path demo = dir.resolve("demo");
    CliRun run = CliRun.of("demo", "--out", demo.toString(), "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=256", "--set", "run.evalEpisodes=0", "--eps", "0.3", "--episodes", "2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("| InvertedPendulum-v4 | 0.3 | PPO (vanilla) | "), run.out());
    assertTrue(run.out().contains("| InvertedPendulum-v4 | 0.3 | SA-PPO (SGLD) | "), run.out());
    for (String algorithm : List.of("ppo", "sa-ppo")) {
      assertNotNull(AttackResults.FILE.read(demo.resolve(algorithm)), algorithm);
      CertificateResults certificates = CertificateResults.FILE.read(demo.resolve(algorithm));
      assertNotNull(certificates.evaluations().get(0).certificates().klBound());
    }
    assertTrue(Files.isRegularFile(demo.resolve("report").resolve("report.md")));
  }

  @Test
  void evaluationsOfAnotherSettingAreKeptAndAReportSaysWhenARowMixesTwo() {
    Path run = dir.resolve("mixed");
    assertEquals(0, CliRun.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=256", "--set", "run.evalEpisodes=0", "--out", run.toString()).exitCode());
    assertEquals(0, CliRun.of("attack", "--run", run.toString(), "--attack", "random", "--eps", "0.1", "--episodes",
        "2").exitCode());
    CliRun again = CliRun.of("attack", "--run", run.toString(), "--attack", "random", "--eps", "0.1", "--episodes",
        "3");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("kept the earlier results (another checkpoint, episode count, seed or bound"
        + " methods) as " + run.resolve("attacks.1.json")), again.out());
    assertEquals(2, Json.read(run.resolve("attacks.1.json"), AttackResults.class).episodes());
    assertEquals(0, CliRun.of("certify", "--run", run.toString(), "--eps", "0.1", "--episodes", "2").exitCode());
    CliRun report = CliRun.of("report", run.toString(), "--out", dir.resolve("mixed-report").toString());
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(report.out().contains("note: " + run + ": the attacks are of "), report.out());
    assertTrue(report.out().contains("(3 episodes, seed 12345) but the certificates of "), report.out());
  }

  @Test
  void damagedFilesAndBadValuesGetOneLineThatNamesTheFile() throws IOException {
    Path run = dir.resolve("damaged");
    assertEquals(0, CliRun.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=256", "--set", "run.evalEpisodes=0", "--out", run.toString()).exitCode());
    assertRefused(CliRun.of("attack", "--run", run.toString(), "--eps", "abc"), "(see: samdp attack --help)");

    Files.writeString(AttackResults.FILE.in(run), "{\"env\": ");
    CliRun corrupt = CliRun.of("attack", "--run", run.toString(), "--attack", "random", "--eps", "0.1");
    assertRefused(corrupt, AttackResults.FILE.in(run) + " is not valid");
    assertTrue(!corrupt.err().contains("progress") && !corrupt.err().contains("natural"),
        "refused before evaluating: " + corrupt.err());
    Files.delete(AttackResults.FILE.in(run));

    Path checkpoint = run.resolve("checkpoints").resolve("iter-000001");
    Path policy = checkpoint.resolve("policy.json");
    String saved = Files.readString(policy);
    Files.writeString(policy, saved.replace("\"kind\"", "\"knid\""));
    CliRun unknownKey = CliRun.of("attack", "--run", run.toString(), "--attack", "random", "--eps", "0.1");
    assertRefused(unknownKey, policy + " is not valid");
    assertTrue(!unknownKey.err().contains("org.samdp"), "no internal class names: " + unknownKey.err());
    Files.writeString(policy, saved);

    Path tensors = checkpoint.resolve("policy.tensors");
    byte[] bytes = Files.readAllBytes(tensors);
    Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRefused(CliRun.of("attack", "--run", run.toString(), "--attack", "random", "--eps", "0.1"),
        tensors + " ends early; the file is truncated");

    Path yaml = dir.resolve("broken.yaml");
    Files.writeString(yaml, "ppo:\n  clip: [0.2\n");
    assertRefused(CliRun.of("train", "--algo", "ppo", "--env", "CartPole-v1", "--config", yaml.toString(), "--out",
        dir.resolve("never").toString()), "config file " + yaml + " is not valid YAML at line");
  }

  @Test
  void trainedAttacksTrainUnderTheRunAreReusedAndTheBestNamesItsSetting() throws IOException {
    Path victim = train("ppo", "trained-victim");
    String[] command = {"attack", "--run", victim.toString(), "--attack", "rs-mad,optimal", "--eps", "0.2",
        "--episodes", "2", "--set", "trained.sarsaIterations=1", "--set", "trained.adversaryIterations=1"};
    CliRun attack = CliRun.of(command);
    assertEquals(0, attack.exitCode(), attack.err());
    AttackResults.AtEps results = AttackResults.FILE.read(victim).evaluations().get(0);
    Map<String, Long> perAttack = results.attacks().keySet().stream()
        .collect(java.util.stream.Collectors.groupingBy(Attacks::family, java.util.stream.Collectors.counting()));
    assertEquals(Map.of("rs", 4L, "rs-mad", 3L, "optimal", 2L), perAttack, "the small grid, RS evaluated for RS+MAD");
    assertTrue(results.attacks().containsKey("optimal[lr=0.001,vlr=0.001,ent=0,clip=0.2,anneal,iters=1]"),
        results.attacks().keySet().toString());
    assertTrue(attack.out().contains("strongest attack: " + ReportTable.title(results.strongest())), attack.out());
    assertTrue(ReportTable.title(results.strongest()).matches("(RS|RS\\+MAD|Optimal) \\(.*\\)"),
        results.strongest());

    // Six attackers, each a keyed run directory under the victim's run; a second attack reuses them all.
    List<Path> attackers;
    try (var listing = Files.list(victim.resolve("attackers"))) {
      attackers = listing.sorted().toList();
    }
    assertEquals(6, attackers.size(), attackers.toString());
    Map<Path, byte[]> metrics = new java.util.HashMap<>();
    for (Path attacker : attackers) {
      assertTrue(Files.isRegularFile(attacker.resolve("attacker.json")), attacker.toString());
      metrics.put(attacker, Files.readAllBytes(attacker.resolve("metrics.csv")));
    }
    CliRun again = CliRun.of(command);
    assertEquals(0, again.exitCode(), again.err());
    for (Path attacker : attackers) {
      assertArrayEquals(metrics.get(attacker), Files.readAllBytes(attacker.resolve("metrics.csv")), "retrained "
          + attacker);
    }
    assertEquals(results, AttackResults.FILE.read(victim).evaluations().get(0), "same attackers, same episodes");

    CliRun report = CliRun.of("report", victim.toString());
    assertEquals(0, report.exitCode(), report.err());
    String markdown = Files.readString(writtenTo(report));
    assertTrue(markdown.contains("| Natural | RS | RS+MAD | Optimal | Best attack |"), markdown);
    assertTrue(markdown.contains(ReportTable.title(results.strongest()) + ") |"), markdown);

    // samdp record replays each trained attack's strongest attacker at that eps, as attack found it; none is trained.
    for (String trained : List.of("rs-mad", "optimal")) {
      Path gif = dir.resolve(trained + ".gif");
      CliRun record = CliRun.of("record", "--run", victim.toString(), "--attack", trained, "--eps", "0.2",
          "--side-by-side", "--out", gif.toString());
      assertEquals(0, record.exitCode(), record.err());
      assertTrue(record.out().contains(ReportTable.title(results.strongestOf(trained)) + " eps 0.2 return "),
          record.out());
      assertTrue(Files.isRegularFile(gif));
    }
    try (var listing = Files.list(victim.resolve("attackers"))) {
      assertEquals(attackers, listing.sorted().toList(), "recording trains no attacker");
    }
    assertRefused(CliRun.of("record", "--run", victim.toString(), "--attack", "optimal", "--eps", "0.3", "--out",
        dir.resolve("none.gif").toString()), "samdp record replays the strongest optimal attacker that samdp attack"
        + " trained for iter-000002 at eps 0.3, and there is none yet; run samdp attack --run " + victim
        + " --attack optimal --eps 0.3 first");
  }

  @Test
  void aDdpgRunIsAttackedAndCertifiedWithEpsInStateStds() throws IOException {
    Path run = dir.resolve("sa-ddpg");
    CliRun train = CliRun.of("train", "--algo", "sa-ddpg", "--env", "Pendulum-v1", "--set", "totalSteps=400", "--set",
        "ddpg.warmupSteps=100", "--set", "run.stepsPerIteration=200", "--set", "run.evalEvery=400", "--set",
        "run.evalEpisodes=0", "--set", "robust.stateStd=[2, 2, 4]", "--out", run.toString());
    assertEquals(0, train.exitCode(), train.err());
    CliRun attack = CliRun.of("attack", "--run", run.toString(), "--eps", "0.05", "--episodes", "2");
    assertEquals(0, attack.exitCode(), attack.err());
    assertEquals(List.of("critic", "mad", "random"), AttackResults.FILE.read(run).evaluations().get(0).attacks()
        .keySet().stream().sorted().toList());
    try (TrainedRun trained = TrainedRun.open(run); NDManager manager = NDManager.newBaseManager()) {
      // ε is in the run's state stds: each value's box is ε·std wide on either side.
      NDArray states = manager.create(new float[][] {{0.5f, 0.5f, 1f}});
      assertArrayEquals(new float[] {0.4f, 0.4f, 0.8f}, trained.threatModel(0.05).lower(states).toFloatArray(), 1e-6f);
    }
    CliRun certify = CliRun.of("certify", "--run", run.toString(), "--eps", "0.05", "--episodes", "1");
    assertEquals(0, certify.exitCode(), certify.err());
    assertNotNull(CertificateResults.FILE.read(run).evaluations().get(0).certificates().actionChangeL1());
    assertRefused(CliRun.of("evaluate", "--policy", run.toString(), "--stochastic", "--episodes", "1"),
        "--stochastic samples actions from the policy's distribution, and a deterministic actor (DDPG) has none; drop"
        + " it");
    assertRefused(CliRun.of("certify", "--run", run.toString(), "--eps", "0.05", "--max-radius", "1"),
        "a deterministic actor (DDPG) acts in a continuous space (its action-change bounds are certified instead);"
        + " drop --max-radius");
  }

  /**
   * {@code stats} writes the population mean and std of the states the deterministic actor visits (checked against a
   * two-pass computation over the same episodes), and {@code train --state-statistics} puts those stds into an SA-DDPG
   * run's {@code robust.stateStd}; a file of another env, one with std 0 everywhere and a PPO run are refused.
   */
  @Test
  void stateStatisticsOfAVanillaRunSetTheUnitsOfAnSaDdpgRun() throws IOException {
    Path run = dir.resolve("ddpg-stats");
    CliRun train = CliRun.of("train", "--algo", "ddpg", "--env", "Pendulum-v1", "--set", "totalSteps=200", "--set",
        "ddpg.warmupSteps=100", "--set", "ddpg.criticHidden=[16]", "--set", "ddpg.actorHidden=[16]", "--set",
        "run.stepsPerIteration=200", "--set", "run.evalEvery=200", "--set", "run.evalEpisodes=0", "--out",
        run.toString());
    assertEquals(0, train.exitCode(), train.err());
    CliRun stats = CliRun.of("stats", "--run", run.toString(), "--episodes", "3");
    assertEquals(0, stats.exitCode(), stats.err());
    Path file = writtenTo(stats);
    assertEquals(run.resolve(VisitedStatistics.FILE).toAbsolutePath().normalize(), file.toAbsolutePath().normalize());
    VisitedStatistics statistics = Json.read(file, VisitedStatistics.class);
    assertEquals(600, statistics.steps());
    List<double[]> states = new ArrayList<>();
    try (TrainedRun trained = TrainedRun.open(run); NDManager manager = NDManager.newBaseManager()) {
      PolicyEvaluation.run(trained.policy(), trained.envs(), 3, 12345, true, manager,
          (observations, actions) -> states.addAll(List.of(observations).stream().map(double[]::clone).toList()));
    }
    for (int d = 0; d < 3; d++) {
      int dim = d;
      double mean = states.stream().mapToDouble(s -> s[dim]).average().orElseThrow();
      double variance = states.stream().mapToDouble(s -> (s[dim] - mean) * (s[dim] - mean)).sum() / states.size();
      assertEquals(mean, statistics.stateMean()[d], 1e-9);
      assertEquals(Math.sqrt(variance), statistics.stateStd()[d], 1e-9);
    }

    Path saRun = dir.resolve("sa-ddpg-stats");
    CliRun sa = CliRun.of("train", "--algo", "sa-ddpg", "--env", "Pendulum-v1", "--state-statistics", file.toString(),
        "--set", "totalSteps=200", "--set", "ddpg.warmupSteps=100", "--set", "ddpg.criticHidden=[16]", "--set",
        "ddpg.actorHidden=[16]", "--set", "run.stepsPerIteration=200", "--set", "run.evalEvery=200", "--set",
        "run.evalEpisodes=0", "--out", saRun.toString());
    assertEquals(0, sa.exitCode(), sa.err());
    try (TrainedRun trained = TrainedRun.open(saRun); NDManager manager = NDManager.newBaseManager()) {
      NDArray zero = manager.zeros(new Shape(1, 3));
      float[] upper = trained.threatModel(1).upper(zero).toFloatArray();
      for (int d = 0; d < 3; d++) {
        assertEquals(statistics.stateStd()[d], upper[d], 1e-6);
      }
    }

    Path other = dir.resolve("other-env.json");
    Json.write(other, new VisitedStatistics("CartPole-v1", "x", 1, 1, 1, 0, new double[4], new double[] {1, 1, 1, 1},
        new double[1], new double[1]));
    assertRefused(CliRun.of("train", "--algo", "sa-ddpg", "--env", "Pendulum-v1", "--state-statistics",
        other.toString(), "--out", dir.resolve("x").toString()), "holds the statistics of CartPole-v1, not of"
        + " Pendulum-v1");
    Path still = dir.resolve("still.json");
    Json.write(still, new VisitedStatistics("Pendulum-v1", "x", 1, 1, 1, 0, new double[3], new double[3],
        new double[1], new double[1]));
    assertRefused(CliRun.of("train", "--algo", "sa-ddpg", "--env", "Pendulum-v1", "--state-statistics",
        still.toString(), "--out", dir.resolve("x").toString()), "has std 0 in every dimension");
    assertRefused(CliRun.of("train", "--algo", "ppo", "--env", "Pendulum-v1", "--state-statistics", file.toString(),
        "--out", dir.resolve("x").toString()), "--algo ppo has no such key");
    assertFalse(Files.exists(dir.resolve("x")));
  }

  /**
   * {@code rs} on a DDPG run trains the DDPG form of Robust Sarsa (replay of the noisy victim, the victim's critic
   * architecture): one critic per point of the small grid, each a keyed run of {@code DdpgSarsaTrainer}, labelled with
   * its sampling steps, and evaluated.
   */
  @Test
  void rsOnADdpgRunTrainsDdpgFormCritics() throws IOException {
    Path run = dir.resolve("ddpg");
    CliRun train = CliRun.of("train", "--algo", "ddpg", "--env", "Pendulum-v1", "--set", "totalSteps=400", "--set",
        "ddpg.warmupSteps=100", "--set", "ddpg.criticHidden=[32, 32]", "--set", "ddpg.actorHidden=[32, 32]", "--set",
        "run.stepsPerIteration=200", "--set", "run.evalEvery=400", "--set", "run.evalEpisodes=0", "--out",
        run.toString());
    assertEquals(0, train.exitCode(), train.err());
    CliRun attack = CliRun.of("attack", "--run", run.toString(), "--attack", "rs", "--eps", "0.05", "--episodes", "1",
        "--set", "trained.sarsaIterations=1", "--set", "trained.sarsaSamples=1000");
    assertEquals(0, attack.exitCode(), attack.err());
    List<String> labels = AttackResults.FILE.read(run).evaluations().get(0).attacks().keySet().stream().sorted()
        .toList();
    assertEquals(List.of("rs[eps=0.02,reg=0.1,iters=1,samples=1000]", "rs[eps=0.02,reg=1,iters=1,samples=1000]",
        "rs[eps=0.1,reg=0.1,iters=1,samples=1000]", "rs[eps=0.1,reg=1,iters=1,samples=1000]"), labels);
    List<Path> attackers;
    try (var listing = Files.list(run.resolve("attackers"))) {
      attackers = listing.sorted().toList();
    }
    assertEquals(4, attackers.size(), attackers.toString());
    for (Path attacker : attackers) {
      String config = Files.readString(attacker.resolve("config.yaml"));
      assertTrue(config.contains("sampleSteps: 1000") && config.contains("updates: 1000"), config);
      assertTrue(config.contains("- 32"), "the victim's critic architecture: " + config);
    }
  }

  @Test
  void badAttackRequestsWriteNothing() throws IOException {
    Path file = AttackResults.FILE.in(ppo);
    byte[] before = bytesOrNull(file);
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--attack", "pgd", "--eps", "0.1"),
        "the PGD attack targets Q networks (DQN agents), and this agent's policy is a categorical policy (PPO);"
        + " attacks for this agent: critic, random, mad, rs, rs-mad, optimal");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--attack", "optimal", "--eps", "0.1", "--grid",
        "huge"), "unknown attack grid 'huge', expected small or paper");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--eps", "-0.1"), "eps must be a finite radius >= 0");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--attack", "fgsm", "--eps", "0.1"),
        "unknown attack 'fgsm'");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--eps", "0.1", "--set", "mad.stepz=3"),
        "unknown config key 'mad.stepz'");
    assertArrayEquals(before, bytesOrNull(file));
  }

  @Test
  void aRunWithoutAFinishedCheckpointIsRefused() throws IOException {
    Path unfinished = dir.resolve("unfinished");
    Files.createDirectories(unfinished);
    Files.copy(ppo.resolve("config.yaml"), unfinished.resolve("config.yaml"));
    assertRefused(CliRun.of("attack", "--run", unfinished.toString(), "--eps", "0.1"),
        "has no finished checkpoint yet");
    assertRefused(CliRun.of("certify", "--run", unfinished.toString(), "--eps", "0.1"),
        "has no finished checkpoint yet");
    assertFalse(Files.exists(AttackResults.FILE.in(unfinished)));
    assertFalse(Files.exists(CertificateResults.FILE.in(unfinished)));
    assertRefused(CliRun.of("attack", "--run", dir.resolve("nowhere").toString(), "--eps", "0.1"),
        "no run directory");
    assertRefused(CliRun.of("report", dir.resolve("nowhere").toString()), "is not a run directory");
  }

  @Test
  void badCertifyAndTrainRequestsAreRefused() {
    assertRefused(CliRun.of("certify", "--run", ppo.toString(), "--eps", "0.1", "--method", "fast"),
        "unknown bound method 'fast'");
    assertRefused(CliRun.of("certify", "--run", ppo.toString(), "--eps", "-1"), "eps must be a finite radius >= 0");
    assertRefused(CliRun.of("train", "--algo", "ppo", "--preset", "ant", "--out", dir.resolve("x").toString()),
        "no preset 'ant' for --algo ppo; presets for ppo are hopper, walker2d, humanoid");
    assertRefused(CliRun.of("train", "--algo", "ppo", "--preset", "hopper", "--config", "x.yaml", "--out",
        dir.resolve("x").toString()), "--preset and --config both give the base configuration");
    assertRefused(CliRun.of("train", "--preset", "hopper", "--out", dir.resolve("x").toString()),
        "--preset needs --algo");
    assertFalse(Files.exists(dir.resolve("x")));
  }

  /** An option or key that the chosen algorithm, attack or policy would not use is refused, not ignored. */
  @Test
  void optionsThatDoNotApplyAreRefused() throws IOException {
    byte[] before = bytesOrNull(AttackResults.FILE.in(ppo));
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--attack", "random", "--eps", "0.1", "--set",
        "mad.steps=20"), "--set mad.steps=20: mad.steps is a setting of mad, and the attacks run here (random) do not"
        + " read it; add mad to --attack or drop the setting");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--attack", "random,critic", "--eps", "0.1", "--grid",
        "paper"), "--grid picks the settings the trained attacks (rs, rs-mad, optimal) scan");
    assertRefused(CliRun.of("attack", "--run", ppo.toString(), "--eps", "0.1", "--set", "trained.sarsaIterations=3"),
        "trained.sarsaIterations is a setting of rs, rs-mad");
    assertArrayEquals(before, bytesOrNull(AttackResults.FILE.in(ppo)));
    assertRefused(CliRun.of("certify", "--run", ppo.toString(), "--eps", "0.1", "--window", "5"),
        "this policy has none (each step is certified on its own observation); drop --window");
    assertFalse(Files.exists(CertificateResults.FILE.in(ppo)));

    String[] cartpole = {"train", "--env", "CartPole-v1", "--print-config", "--algo"};
    assertRefused(CliRun.of(concat(cartpole, "ppo", "--set", "robust.kappa=0.1")),
        "robust.kappa 0.1 makes this sa-ppo, not ppo: use --algo sa-ppo");
    assertRefused(CliRun.of(concat(cartpole, "sa-ppo", "--set", "robust.kappa=0")), "use --algo ppo");
    assertRefused(CliRun.of(concat(cartpole, "ppo", "--set", "robust.eps=0.1")), "--set robust.eps=0.1: robust.eps is"
        + " not used by this configuration (only SA-PPO trains with the regulariser: --algo sa-ppo); drop it");
    assertRefused(CliRun.of(concat(cartpole, "sa-ppo", "--set", "robust.crownIbpWeightEnd=0.5")),
        "(the convex solver's: robust.solver=CONVEX)");
    assertRefused(CliRun.of(concat(cartpole, "ppo", "--set", "recurrent.embedding=32")),
        "(they apply to recurrent networks: set recurrent.cell=lstm or gru)");
    assertRefused(CliRun.of(concat(cartpole, "ppo", "--set", "recurrent.cell=lstm", "--set", "ppo.hidden=[8]")),
        "ppo.hidden is not used by this configuration (a recurrent network's widths are recurrent.embedding and"
        + " recurrent.hidden)");
    assertRefused(CliRun.of(concat(cartpole, "dqn", "--set", "network.kind=MLP", "--set", "network.convs=[]")),
        "network.convs is not used by this configuration (a CNN's: network.kind=CNN)");
    Path file = dir.resolve("unused.yaml");
    Files.writeString(file, "robust:\n  eps: 0.2\n");
    assertRefused(CliRun.of(concat(cartpole, "ddpg", "--config", file.toString())),
        file + ": robust.eps is not used by this configuration (only SA-DDPG trains with the regulariser");
    // A run's own config.yaml from before unused keys were left out names them at their defaults: let through.
    Files.writeString(file, "robust:\n  kappa: 0.0\n  eps: 0.075\nrecurrent:\n  cell: none\n  embedding: 64\n");
    assertEquals(0, CliRun.of(concat(cartpole, "ppo", "--config", file.toString())).exitCode());

    Path sweep = dir.resolve("a-sweep");
    Files.createDirectories(sweep);
    Files.writeString(sweep.resolve("sweep.yaml"), "out: " + sweep + "\n");
    Files.writeString(sweep.resolve("plan.json"), "{}");
    assertRefused(CliRun.of("report", sweep.toString(), "--checkpoint", "best"), "is a sweep, whose attack and"
        + " certify jobs evaluated the checkpoints their agents ended with; drop --checkpoint");
    assertRefused(CliRun.of("sweep", file.toString(), "--address", "127.0.0.9:6379", "--port", "6400"),
        "--port and --cpus set up a local Ray, and this sweep runs on the cluster at 127.0.0.9:6379 (--address)");
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }
}
