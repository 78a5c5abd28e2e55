package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * The whole SA_DDPG release with its Robust Sarsa critics, read: their layouts and shapes ({@link DdpgImportTest}
 * imports the agents).
 */
class ReadOnlyLayoutsTest {
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
      int[] size = sizes.get(DdpgConfig.authorsFamily(env));
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
