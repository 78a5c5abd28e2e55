package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samdp.experiments.importer.Fixtures.assertClose;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.samdp.experiments.torch.Tensor;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * What samdp reads but does not import as such: ATLA's LSTM agent (its normaliser through samdp's, its LSTM by a
 * forward pass written here), and the whole SA_DDPG release with its Robust Sarsa critics (their layouts and shapes;
 * {@link DdpgImportTest} imports the agents).
 */
class ReadOnlyLayoutsTest {
  private static final double TOLERANCE = 1e-6;

  @Test
  void atlaLstmNormaliserAndMeansOverTheSequence() {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(Fixtures.file("atla-lstm.model"));
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    JsonNode expected = Fixtures.expected("atla-lstm.model");
    double[][] raw = Fixtures.matrix(expected.get("raw_observations"));
    double[][] normalized = Fixtures.matrix(expected.get("normalized_observations"));
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] x = ZFilter.of(root, "atla-lstm.model").normalizer().normalize(manager, raw).toFloatArray();
      for (int b = 0; b < raw.length; b++) {
        for (int i = 0; i < 11; i++) {
          assertClose(normalized[b][i], x[b * 11 + i], TOLERANCE, "normalized observation " + b + "," + i);
        }
      }
    }
    StateDict policy = StateDict.of(root, "policy_model", "atla-lstm.model");
    StateDict adversary = StateDict.of(root, "adversary_policy_model", "atla-lstm.model");
    assertArrayEquals(new long[] {256, 64}, policy.tensor("lstm.weight_ih_l0").shape());
    assertArrayEquals(new long[] {256, 64}, policy.tensor("lstm.weight_hh_l0").shape());
    assertArrayEquals(new long[] {64, 11}, policy.tensor("embedding_layer.weight").shape());
    assertArrayEquals(new long[] {3, 64}, policy.tensor("output_layer.weight").shape());
    assertArrayEquals(new long[] {11, 64}, adversary.tensor("output_layer.weight").shape());
    assertMeans(policy, normalized, Fixtures.matrix(expected.get("means")), "agent");
    assertMeans(adversary, normalized, Fixtures.matrix(expected.get("adversary_means")), "adversary");
  }

  /** The LSTM policy's means over the sequence from a zero state: embedding, one LSTM layer (i, f, g, o), output. */
  private static void assertMeans(StateDict dict, double[][] inputs, double[][] expected, String what) {
    int hidden = (int) dict.tensor("lstm.weight_hh_l0").shape()[1];
    double[] h = new double[hidden];
    double[] c = new double[hidden];
    for (int t = 0; t < inputs.length; t++) {
      double[] embedded = affine(dict, "embedding_layer", inputs[t]);
      double[] gates = affine(dict.tensor("lstm.weight_ih_l0"), dict.tensor("lstm.bias_ih_l0"), embedded);
      double[] recurrent = affine(dict.tensor("lstm.weight_hh_l0"), dict.tensor("lstm.bias_hh_l0"), h);
      for (int j = 0; j < hidden; j++) {
        double input = sigmoid(gates[j] + recurrent[j]);
        double forget = sigmoid(gates[hidden + j] + recurrent[hidden + j]);
        double cell = Math.tanh(gates[2 * hidden + j] + recurrent[2 * hidden + j]);
        double output = sigmoid(gates[3 * hidden + j] + recurrent[3 * hidden + j]);
        c[j] = forget * c[j] + input * cell;
        h[j] = output * Math.tanh(c[j]);
      }
      double[] mean = affine(dict, "output_layer", h);
      // Torch's float32 sums over 64 hidden units err by about 1e-7 of the largest mean, not of each small one.
      double largest = Arrays.stream(expected[t]).map(Math::abs).max().orElseThrow();
      for (int a = 0; a < mean.length; a++) {
        assertClose(expected[t][a], mean[a], TOLERANCE, largest, what + " mean " + t + "," + a);
      }
    }
  }

  private static double[] affine(StateDict dict, String layer, double[] x) {
    return affine(dict.tensor(layer + ".weight"), dict.tensor(layer + ".bias"), x);
  }

  private static double[] affine(Tensor weight, Tensor bias, double[] x) {
    float[] w = weight.values();
    float[] b = bias.values();
    double[] y = new double[b.length];
    for (int r = 0; r < b.length; r++) {
      double sum = b[r];
      for (int k = 0; k < x.length; k++) {
        sum += (double) w[r * x.length + k] * x[k];
      }
      y[r] = sum;
    }
    return y;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void theSaDdpgReleaseReadsInTheLegacyFormatWithItsShapes() throws IOException {
    Map<String, int[]> sizes = Map.of("Ant", new int[] {111, 8}, "Hopper", new int[] {11, 3}, "InvertedPendulum",
        new int[] {4, 1}, "Reacher", new int[] {11, 2}, "Walker2d", new int[] {17, 6});
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Fixtures.folder().resolve("sa-ddpg-release"))) {
      files = walk.filter(p -> p.getFileName().toString().startsWith("model_best.model")).sorted().toList();
    }
    assertEquals(30, files.size(), "15 agents and their 15 Robust Sarsa critics");
    Map<TorchCheckpoint.Format, Integer> formats = new EnumMap<>(TorchCheckpoint.Format.class);
    for (Path file : files) {
      TorchCheckpoint checkpoint = TorchCheckpoint.read(file);
      formats.merge(checkpoint.format(), 1, Integer::sum);
      String env = ReleaseNames.env(file).orElseThrow();
      int[] size = sizes.get(env.substring(0, env.length() - 3));
      StateDict dict = new StateDict(file.toString(), (Map<?, ?>) checkpoint.root());
      assertEquals(ImportFormat.SA_DDPG, ImportFormat.detect(checkpoint, file.toString()));
      DdpgNetworks networks = DdpgNetworks.of(dict);
      assertEquals(size[0], networks.actor().inputSize(), file.toString());
      assertEquals(size[1], networks.actor().outputSize(), file.toString());
      dict.tensor("fc_action.2.weight", 300, 400);
      dict.tensor("fc_critic.0.weight", 400, size[0] + size[1]);
      dict.tensor("fc_critic.4.weight", 1, 300).values();
      if (file.getFileName().toString().contains(DdpgImport.SARSA)) {
        // A Sarsa file keeps its agent's actor exactly: importing it gives the agent with Q_RS as its critic.
        StateDict agent = new StateDict("agent", (Map<?, ?>) TorchCheckpoint.read(file.resolveSibling(
            "model_best.model")).root());
        for (String layer : networks.actor().layers()) {
          assertArrayEquals(agent.tensor(layer + ".weight").values(), dict.tensor(layer + ".weight").values(),
              file + " " + layer);
          assertArrayEquals(agent.tensor(layer + ".bias").values(), dict.tensor(layer + ".bias").values());
        }
      }
    }
    // The release mixes both formats: 4 of its files were saved by a torch that writes zip archives.
    assertEquals(Map.of(TorchCheckpoint.Format.LEGACY, 26, TorchCheckpoint.Format.ZIP, 4), formats);
  }
}
