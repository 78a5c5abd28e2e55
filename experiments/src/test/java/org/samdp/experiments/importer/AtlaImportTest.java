package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.trained.AttackerKey;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.agents.io.Json;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.experiments.runs.TrainedRun;
import org.samdp.experiments.torch.PickleBytes;

/**
 * An ATLA file's adversary becomes the run's imported optimal attacker. The ATLA fixture is an LSTM agent
 * ({@link AtlaLstmImportTest}), so the MLP case is the SA_PPO fixture with an adversary added to its pickle (views of
 * its first storage as weights).
 */
class AtlaImportTest {
  @TempDir
  Path dir;

  /** A copy of a zip checkpoint whose {@code data.pkl} is rewritten. */
  static Path rewritten(Path source, Path target, UnaryOperator<byte[]> pickle) throws IOException {
    try (ZipFile zip = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().endsWith("/data.pkl") ? pickle.apply(bytes) : bytes);
        out.closeEntry();
      }
    }
    return target;
  }

  /** The SA_PPO fixture plus {@code adversary_policy_model}: an 11 -> 64 -> 64 -> 11 MLP over storage 0. */
  static Path atlaMlp(Path target) throws IOException {
    return rewritten(Fixtures.file("sappo-mlp.model"), target, pickle -> {
      // The fixture's pickle ends with SETITEMS and STOP for its top-level dict: add one more pair before them.
      PickleBytes bytes = PickleBytes.continuing(Arrays.copyOf(pickle, pickle.length - 2));
      bytes.string("adversary_policy_model").global("collections", "OrderedDict").op(')').op('R').mark();
      long[][] shapes = {{64, 11}, {64}, {64, 64}, {64}, {11, 64}, {11}, {11}};
      String[] names = {"affine_layers.0.weight", "affine_layers.0.bias", "affine_layers.1.weight",
          "affine_layers.1.bias", "final_mean.weight", "final_mean.bias", "log_stdev"};
      for (int i = 0; i < names.length; i++) {
        long[] shape = shapes[i];
        long[] stride = shape.length == 2 ? new long[] {shape[1], 1} : new long[] {1};
        // Storage 0 (704 floats) for the small tensors, storage 2 (4096) for the 64x64 one.
        String storage = shape.length == 2 && shape[1] == 64 && shape[0] == 64 ? "2" : "0";
        bytes.string(names[i]).tensor(storage, storage.equals("2") ? 4096 : 704, 0, shape, stride);
      }
      return bytes.op('u').op('u').stop();
    });
  }

  @Test
  void theAdversaryIsTheRunsImportedOptimalAttackerAtThePapersEps() throws IOException {
    Path file = atlaMlp(dir.resolve("attack-atla-ppo-hopper.model"));
    Path out = dir.resolve("atla");
    AgentImport.Result result = AgentImport.run(new AgentImport.Options(file, out, null, null, null, null,
        List.of("test")), env -> SaPpoImportTest.HOPPER);
    assertEquals(ImportFormat.ATLA, result.format());
    assertEquals("Hopper-v4", result.env(), "from the file name");
    assertEquals("ppo", result.algorithm(), "ATLA agents are recorded as ppo");
    assertEquals(0.075, result.eps());
    Provenance provenance = Json.read(out.resolve(RunDirectory.PROVENANCE), Provenance.class);
    assertTrue(provenance.imported().notes().contains("an ATLA agent, recorded as ppo: samdp has no ATLA algorithm"
        + " yet"), provenance.imported().notes().toString());

    List<AttackerRun<?>> attackers = AttackerRun.all(out);
    assertEquals(1, attackers.size());
    AttackerKey key = attackers.get(0).key();
    assertEquals(OptimalAdversary.NAME, key.attack());
    assertEquals("optimal[imported=attack-atla-ppo-hopper.model]", key.settings());
    assertEquals(out.resolve("checkpoints").resolve("iter-000000").toString(), key.victimCheckpoint());
    assertEquals(attackers.get(0).directory(), result.attacker());
    try (TrainedRun run = TrainedRun.open(out)) {
      // The attack finds it as the victim's own: same digest, same eps.
      assertEquals(Set.of(key.settings()), OptimalAdversary.others(run.victim(), 0.075, Set.of()).keySet());
      Path adversaryCheckpoint = attackers.get(0).finishedCheckpoint().orElseThrow();
      try (NDManager manager = NDManager.newBaseManager()) {
        Policy adversary = Policies.load(adversaryCheckpoint, manager);
        assertEquals(false, adversary.normalizer().isRunning(), "it takes the agent's normalized observation");
        NDArray s = run.policy().normalize(manager, new double[][] {new double[11]});
        assertArrayEquals(new long[] {1, 11}, adversary.actDeterministic(s).getShape().getShape());
        assertNotNull(OptimalAdversary.load(adversaryCheckpoint, manager));
      }
    }
  }
}
