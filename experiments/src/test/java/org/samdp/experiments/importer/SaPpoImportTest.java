package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.experiments.importer.Fixtures.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.Json;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.ppo.ValueFunction;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.bounds.network.Network;
import org.samdp.experiments.runs.TrainedRun;

/** The SA_PPO fixture imported as a run reproduces every number of {@code expected.json}, read back as runs are. */
class SaPpoImportTest {
  private static final double TOLERANCE = 1e-6;
  /** Hopper's sizes, without making the MuJoCo env (the unit tier has no MuJoCo). */
  static final EnvShape HOPPER = new EnvShape("Hopper-v4", 11, 3);

  @TempDir
  Path dir;

  static AgentImport.Result importFixture(Path out, String file, String algorithm) {
    return AgentImport.run(new AgentImport.Options(Fixtures.file(file), out, null, "Hopper-v4", null, algorithm,
        List.of("test")), env -> HOPPER);
  }

  @Test
  void theImportedRunComputesWhatTheAuthorsCodeComputes() {
    Path out = dir.resolve("hopper");
    AgentImport.Result result = importFixture(out, "sappo-mlp.model", null);
    assertEquals(ImportFormat.SA_PPO, result.format());
    assertEquals("sa-ppo", result.algorithm(), "sappo in the file name");
    assertEquals(0.075, result.eps(), "Hopper's eps from the paper");
    assertNull(result.attacker());
    JsonNode expected = Fixtures.expected("sappo-mlp.model");
    double[][] raw = Fixtures.matrix(expected.get("raw_observations"));
    double[][] normalized = Fixtures.matrix(expected.get("normalized_observations"));
    double[][] means = Fixtures.matrix(expected.get("means"));
    double[] logStd = Fixtures.vector(expected.get("log_std"));
    double[] values = Fixtures.vector(expected.get("values"));
    try (TrainedRun run = TrainedRun.open(out); NDManager manager = NDManager.newBaseManager()) {
      assertEquals("Hopper-v4", run.env());
      assertEquals("sa-ppo", run.algorithm());
      assertEquals(ObservationNormalizer.Epsilon.AFTER_ROOT, run.policy().normalizer().epsilon());
      NDArray x = run.policy().normalize(manager, raw);
      float[] xs = x.toFloatArray();
      float[] mu = run.policy().actDeterministic(x).toFloatArray();
      Network value = ValueFunction.load(run.checkpoint(), 11, manager);
      float[] v = value.forward(x).toFloatArray();
      float[] sigma = ((GaussianPolicy) run.policy()).logStd().toFloatArray();
      for (int b = 0; b < raw.length; b++) {
        for (int i = 0; i < 11; i++) {
          assertClose(normalized[b][i], xs[b * 11 + i], TOLERANCE, "normalized observation " + b + "," + i);
        }
        for (int a = 0; a < 3; a++) {
          assertClose(means[b][a], mu[b * 3 + a], TOLERANCE, "action mean " + b + "," + a);
        }
        assertClose(values[b], v[b], TOLERANCE, "value " + b);
      }
      for (int a = 0; a < 3; a++) {
        assertClose(logStd[a], sigma[a], TOLERANCE, "log std " + a);
      }
    }
  }

  @Test
  void theRunNamesItsSourceAndRecordsTheAlgorithmAsked() {
    Path out = dir.resolve("vanilla");
    AgentImport.Result result = importFixture(out, "sappo-mlp.model", "ppo");
    assertNull(result.eps(), "a PPO run without an adversary needs no eps");
    Provenance provenance = Json.read(out.resolve(RunDirectory.PROVENANCE), Provenance.class);
    assertEquals("ppo", provenance.algorithm());
    assertEquals(Algorithms.PPO, Algorithms.ofRun(out));
    assertEquals(Fixtures.file("sappo-mlp.model").toString(), provenance.imported().file());
    assertEquals(AgentImport.sha256(Fixtures.file("sappo-mlp.model")), provenance.imported().sha256());
    assertEquals(64, provenance.imported().sha256().length());
    assertEquals("sa-ppo", provenance.imported().format());
    try (TrainedRun run = TrainedRun.open(out)) {
      assertEquals("ppo", run.algorithm());
      assertTrue(run.critic() != null, "PPO's value function is the critic attacks use");
    }
  }
}
