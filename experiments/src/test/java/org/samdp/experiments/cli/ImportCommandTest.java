package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.experiments.importer.Fixtures;

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
  void refusalsAreOneLineAndWriteNothing() {
    Path out = dir.resolve("ddpg");
    CliRun ddpg = CliRun.of("import", Fixtures.file("sa-ddpg.model").toString(), "--out", out.toString(), "--env",
        "Hopper-v4");
    assertEquals(2, ddpg.exitCode());
    assertEquals("samdp: error: importing SA_DDPG agents needs DDPG, which samdp does not have yet (issue 19);"
        + " sa-ddpg.model can be read but not imported\n", ddpg.err());
    CliRun format = CliRun.of("import", Fixtures.file("sappo-mlp.model").toString(), "--out", out.toString(),
        "--format", "ppo2");
    assertEquals("samdp: error: unknown format 'ppo2'; expected sa-ppo, atla or sa-ddpg\n", format.err());
    CliRun noEnv = CliRun.of("import", Fixtures.file("sappo-mlp.model").toString(), "--out", out.toString());
    assertEquals("samdp: error: cannot tell the env from the name sappo-mlp.model; pass --env (e.g. --env"
        + " Hopper-v4)\n", noEnv.err());
    assertFalse(Files.exists(out));
  }
}
