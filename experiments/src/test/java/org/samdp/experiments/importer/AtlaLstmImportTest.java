package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.experiments.importer.Fixtures.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.Critic;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.agents.adversary.LearnedAdversary;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.experiments.runs.TrainedRun;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * ATLA's LSTM agent imported as a recurrent PPO run: its policy, value network and LSTM adversary, read back as runs
 * are, reproduce {@code expected.json} (the means of every step of one sequence from the zero state).
 */
class AtlaLstmImportTest {
  private static final String FILE = "atla-lstm.model";
  private static final double TOLERANCE = 1e-6;

  @TempDir
  Path dir;

  @Test
  void theLstmAgentAndItsAdversaryComputeWhatTheAuthorsCodeComputes() {
    Path out = dir.resolve("lstm");
    AgentImport.Result result = AgentImport.run(new AgentImport.Options(Fixtures.file(FILE), out, null, "Hopper-v4",
        null, null, List.of("test")), env -> SaPpoImportTest.HOPPER);
    assertEquals(ImportFormat.ATLA, result.format());
    assertEquals(0.075, result.eps());
    JsonNode expected = Fixtures.expected(FILE);
    double[][] raw = Fixtures.matrix(expected.get("raw_observations"));
    double[][] normalized = Fixtures.matrix(expected.get("normalized_observations"));
    Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(Fixtures.file(FILE)).root();
    // The value network has no numbers in expected.json: it is held to the double-precision forward pass, which is
    // held to the policy's expected means first.
    double[][] means = Fixtures.matrix(expected.get("means"));
    assertRowsClose(means, LstmReference.outputs(StateDict.of(root, "policy_model", FILE), "output_layer",
        normalized), "reference mean");
    double[][] values = LstmReference.outputs(StateDict.of(root, "val_model", FILE), "final", normalized);
    try (TrainedRun run = TrainedRun.open(out); NDManager manager = NDManager.newBaseManager()) {
      Policy policy = run.policy();
      assertTrue(policy.isStateful());
      Critic critic = run.critic();
      assertTrue(critic.isStateful(), "the recurrent value function is the critic attack's");
      double[][] actions = new double[raw.length][];
      double[][] v = new double[raw.length][];
      PolicyState state = policy.initialState(manager, 1);
      PolicyState valueState = critic.initialState(manager, 1);
      for (int t = 0; t < raw.length; t++) {
        NDArray x = policy.normalize(manager, new double[][] {raw[t]});
        float[] xs = x.toFloatArray();
        for (int i = 0; i < xs.length; i++) {
          assertClose(normalized[t][i], xs[i], TOLERANCE, "normalized observation " + t + "," + i);
        }
        Acting acting = policy.act(x, state, new boolean[] {t == 0}, true, null);
        actions[t] = doubles(acting.actions());
        state = acting.next();
        v[t] = doubles(critic.value(x, x, valueState));
        valueState = critic.advance(x, valueState);
      }
      assertRowsClose(means, actions, "action mean");
      // One value per step: held to 1e-6 of the largest along the sequence, as a row of means is to its largest.
      assertRowsClose(new double[][] {column(values)}, new double[][] {column(v)}, "value");

      double[][] adversaryMeans = Fixtures.matrix(expected.get("adversary_means"));
      Path attacker = AttackerRun.all(out).get(0).finishedCheckpoint().orElseThrow();
      Policy adversary = Policies.load(attacker, manager);
      assertTrue(adversary.isStateful());
      double[][] deltas = new double[raw.length][];
      PolicyState adversaryState = adversary.initialState(manager, 1);
      for (int t = 0; t < raw.length; t++) {
        Acting acting = adversary.act(manager.create(new float[][] {floats(normalized[t])}), adversaryState,
            new boolean[] {t == 0}, true, null);
        deltas[t] = doubles(acting.actions());
        adversaryState = acting.next();
      }
      assertRowsClose(adversaryMeans, deltas, "adversary mean");

      // As an attack, it perturbs by eps times its mean along the episode (float32 sums of s and a small step).
      LearnedAdversary attack = OptimalAdversary.load(attacker, manager);
      ThreatModel threat = run.threatModel(0.075);
      for (int t = 0; t < raw.length; t++) {
        NDArray s = manager.create(new float[][] {floats(normalized[t])});
        attack.onEpisodeStart(new boolean[] {t == 0});
        double[] step = doubles(attack.perturb(policy, PolicyState.NONE, s, threat).sub(s).div(0.075f));
        for (int i = 0; i < step.length; i++) {
          assertEquals(Math.max(-1, Math.min(1, adversaryMeans[t][i])), step[i], 1e-4, "perturbation " + t + "," + i);
        }
      }
    }
  }

  /** Each row to 1e-6 of its largest value (torch's float32 sums over 64 hidden units err by about that much). */
  private static void assertRowsClose(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + " steps");
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t].length, actual[t].length, what + " size at step " + t);
      double largest = Arrays.stream(expected[t]).map(Math::abs).max().orElseThrow();
      for (int a = 0; a < expected[t].length; a++) {
        assertClose(expected[t][a], actual[t][a], TOLERANCE, largest, what + " " + t + "," + a);
      }
    }
  }

  private static double[] column(double[][] rows) {
    return Arrays.stream(rows).mapToDouble(row -> row[0]).toArray();
  }

  private static double[] doubles(NDArray array) {
    float[] values = array.toFloatArray();
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  private static float[] floats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
