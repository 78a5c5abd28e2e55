package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.experiments.torch.PickleBytes;

/** Files samdp cannot import get one line that names what is wrong, and the output directory stays unwritten. */
class BadImportTest {
  @TempDir
  Path dir;

  private IllegalArgumentException refused(Path file, String env) {
    Path out = dir.resolve("out");
    return ImportFailures.refused(() -> AgentImport.run(new AgentImport.Options(file, out, null, env, null, null,
        List.of("test")), EnvShape::of), out);
  }

  @Test
  void aFileThatIsNoCheckpoint() throws IOException {
    Path file = Files.writeString(dir.resolve("hopper.model"), "{\"policy\": []}");
    assertTrue(refused(file, "Pendulum-v1").getMessage().endsWith("is not a PyTorch checkpoint (neither torch.save's"
        + " zip format nor its legacy format)"));
  }

  @Test
  void aTruncatedStorage() throws IOException {
    Path file = dir.resolve("cut.model");
    try (ZipFile zip = new ZipFile(Fixtures.file("sappo-mlp.model").toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().endsWith("/data/2") ? Arrays.copyOf(bytes, 1000) : bytes);
        out.closeEntry();
      }
    }
    assertEquals(file + ": storage '2' is truncated: it needs 16384 bytes, the file has 1000",
        refused(file, "Hopper-v4").getMessage());
  }

  @Test
  void aLayoutSamdpDoesNotKnow() throws IOException {
    Path file = AtlaImportTest.rewritten(Fixtures.file("sappo-mlp.model"), dir.resolve("other.model"),
        pickle -> PickleBytes.start().op('}').string("model").integer(1).op('s').stop());
    assertEquals("other.model is a PyTorch checkpoint of a layout samdp does not know (entries [model]); expected"
        + " SA_PPO or ATLA's (policy_model, val_model, envs) or SA_DDPG's (fc_action.*, fc_critic.*)",
        refused(file, "Hopper-v4").getMessage());
  }

  @Test
  void shapesThatDoNotFitTheEnv() {
    assertEquals("sappo-mlp.model's policy takes 11 observation values and gives 3, but Pendulum-v1 needs 3 and 1;"
        + " pass the env it was trained on with --env", refused(Fixtures.file("sappo-mlp.model"), "Pendulum-v1")
        .getMessage());
    assertTrue(refused(Fixtures.file("sappo-mlp.model"), "CartPole-v1").getMessage().contains("discrete actions"));
  }

  @Test
  void aFormatThatIsNotTheFilesOwn() {
    Path out = dir.resolve("out");
    assertEquals("sa-ddpg.model is an SA_DDPG file (fc_action.*, fc_critic.*), not sa-ppo; import it with --format"
        + " sa-ddpg", ImportFailures.refused(() -> AgentImport.run(new AgentImport.Options(Fixtures.file(
            "sa-ddpg.model"), out, ImportFormat.SA_PPO, "Hopper-v4", null, null, List.of("test")),
            env -> SaPpoImportTest.HOPPER), out).getMessage());
    assertEquals("sappo-mlp.model is an SA_PPO or ATLA file (policy_model, val_model, envs), not sa-ddpg; import it"
        + " with --format sa-ppo", ImportFailures.refused(() -> AgentImport.run(new AgentImport.Options(
            Fixtures.file("sappo-mlp.model"), out, ImportFormat.SA_DDPG, "Hopper-v4", null, null, List.of("test")),
            env -> SaPpoImportTest.HOPPER), out).getMessage());
  }

  @Test
  void antV2AgentsDoNotFitAntV4() {
    Path file = Fixtures.file("sa-ddpg-release").resolve("sa-ddpg-convex/ddpg_Ant-v2/model_best.model");
    Path out = dir.resolve("ant");
    assertEquals("model_best.model's actor takes Ant-v2's 111 observation values (27 positions and velocities, 84"
        + " contact forces); Ant-v4 observes 27: import it with --env AntContactForces-v4 (Ant-v4 with"
        + " use_contact_forces)", ImportFailures.refused(() -> AgentImport.run(new AgentImport.Options(file,
            out, null, "Ant-v4", null, null, List.of("test")), env -> new EnvShape(env, 27, 8)), out).getMessage());
  }

  @Test
  void aDdpgAgentOnTheWrongEnvOrAlgorithm() {
    assertEquals("sa-ddpg.model's actor takes 11 observation values and gives 3, but Pendulum-v1 needs 3 and 1;"
        + " pass the env it was trained on with --env", refused(Fixtures.file("sa-ddpg.model"), "Pendulum-v1")
        .getMessage());
    Path out = dir.resolve("out");
    assertEquals("--algo must be ddpg or sa-ddpg for the authors' DDPG agents, got ppo", ImportFailures.refused(
        () -> AgentImport.run(new AgentImport.Options(Fixtures.file("sa-ddpg.model"), out, null, "Hopper-v4", null,
            "ppo", List.of("test")), env -> SaPpoImportTest.HOPPER), out).getMessage());
  }

  @Test
  void anExistingDirectoryIsNotOverwritten() throws IOException {
    Path out = Files.createDirectory(dir.resolve("taken"));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> AgentImport.run(new AgentImport.Options(Fixtures.file("sappo-mlp.model"), out, null, "Hopper-v4", null,
            null, List.of("test")), env -> SaPpoImportTest.HOPPER));
    assertEquals(out + " already exists; choose a new directory for the imported run", error.getMessage());
    try (var left = Files.list(out)) {
      assertEquals(0, left.count());
    }
  }
}
