package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.experiments.importer.Fixtures;
import org.samdp.experiments.runs.AttackResults;

class ImportCommandTest {
  @TempDir
  Path dir;

  @Test
  @Tag("native") // Hopper-v4: MuJoCo
  void anImportedAgentIsEvaluatedLikeATrainedOne() {
    Path out = dir.resolve("hopper");
    CliRun imported = CliRun.of("import", Fixtures.file("sappo-mlp.model").toString(), "--env", "Hopper-v4", "--out",
        out.toString());
    assertEquals(0, imported.exitCode(), imported.err());
    assertTrue(imported.out().startsWith("imported sappo-mlp.model (sa-ppo) as a sa-ppo run on Hopper-v4 at eps"
        + " 0.075 into " + out), imported.out());
    CliRun evaluated = CliRun.of("evaluate", "--policy", out.toString(), "--episodes", "1");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(evaluated.out().contains("Hopper-v4"), evaluated.out());
  }

  @Test
  @Tag("native") // Hopper-v4: MuJoCo
  void anImportedLstmAgentIsEvaluatedAttackedAndCertified() {
    Path out = dir.resolve("lstm");
    CliRun imported = CliRun.of("import", Fixtures.file("atla-lstm.model").toString(), "--env", "Hopper-v4", "--out",
        out.toString());
    assertEquals(0, imported.exitCode(), imported.err());
    CliRun evaluated = CliRun.of("evaluate", "--policy", out.toString(), "--episodes", "1");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    CliRun attacked = CliRun.of("attack", "--run", out.toString(), "--eps", "0.075", "--attack", "random,critic,mad",
        "--episodes", "2");
    assertEquals(0, attacked.exitCode(), attacked.err());
    assertEquals(Set.of("random", "critic", "mad"), AttackResults.FILE.read(out).evaluations().get(0).attacks()
        .keySet());
    CliRun certified = CliRun.of("certify", "--run", out.toString(), "--eps", "0.075", "--episodes", "1", "--window",
        "1");
    assertEquals(0, certified.exitCode(), certified.err());
    assertTrue(Files.isRegularFile(out.resolve("certificates.json")));
  }

  @Test
  void refusalsAreOneLineAndWriteNothing() {
    Path out = dir.resolve("ddpg");
    CliRun ddpg = CliRun.of("import", Fixtures.file("sa-ddpg.model").toString(), "--out", out.toString(), "--env",
        "Hopper-v4", "--format", "sa-ppo");
    assertEquals(2, ddpg.exitCode());
    assertEquals("samdp: error: sa-ddpg.model is an SA_DDPG file (fc_action.*, fc_critic.*), not sa-ppo; import it"
        + " with --format sa-ddpg\n", ddpg.err());
    CliRun format = CliRun.of("import", Fixtures.file("sappo-mlp.model").toString(), "--out", out.toString(),
        "--format", "ppo2");
    assertEquals("samdp: error: unknown format 'ppo2'; expected sa-ppo, atla or sa-ddpg\n", format.err());
    CliRun noEnv = CliRun.of("import", Fixtures.file("sappo-mlp.model").toString(), "--out", out.toString());
    assertEquals("samdp: error: cannot tell the env from the name sappo-mlp.model; pass --env (e.g. --env"
        + " Hopper-v4)\n", noEnv.err());
    assertFalse(Files.exists(out));
  }

  @Test
  @Tag("native") // InvertedPendulum-v4: MuJoCo
  void aReleasedDdpgAgentIsEvaluatedAttackedButNotResumed() {
    Path file = Fixtures.file("sa-ddpg-release").resolve("sa-ddpg-convex/ddpg_InvertedPendulum-v2/model_best.model");
    Path out = dir.resolve("pendulum");
    CliRun imported = CliRun.of("import", file.toString(), "--out", out.toString());
    assertEquals(0, imported.exitCode(), imported.err());
    assertTrue(imported.out().startsWith("imported model_best.model (sa-ddpg) as a sa-ddpg run on InvertedPendulum-v4"
        + " at eps 0.3 into " + out + "\nits Robust Sarsa critics are the run's RS attackers:"
        + " model_best.model_sarsa_0_0.2_10000.0_10000.0_1.0"), imported.out());
    CliRun evaluated = CliRun.of("evaluate", "--policy", out.toString(), "--episodes", "2");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    assertTrue(evaluated.out().contains("InvertedPendulum-v4"), evaluated.out());
    CliRun attacked = CliRun.of("attack", "--run", out.toString(), "--eps", "0.3", "--attack", "critic,random,mad,rs",
        "--episodes", "1");
    assertEquals(0, attacked.exitCode(), attacked.err());
    AttackResults results = AttackResults.FILE.read(out);
    assertEquals("sa-ddpg", results.algorithm());
    Set<String> attacks = results.evaluations().get(0).attacks().keySet();
    assertEquals(Set.of("critic", "random", "mad", "rs"), attacks.stream()
        .map(name -> name.replaceFirst("\\[.*", "")).collect(Collectors.toSet()));
    assertTrue(attacks.contains("rs[imported=model_best.model_sarsa_0_0.2_10000.0_10000.0_1.0]"), attacks.toString());
    assertEquals(1, AttackerRun.all(out).size(), "the imported critic is the RS attack's: none trained");
    CliRun resumed = CliRun.of("train", "--resume", "--out", out.toString());
    assertEquals(2, resumed.exitCode());
    assertEquals("samdp: error: " + out + " was imported from " + file + " and holds no training state to resume;"
        + " start a new run instead (samdp train --algo ALGO --env ID --out NEW_DIR)\n", resumed.err());
  }
}
