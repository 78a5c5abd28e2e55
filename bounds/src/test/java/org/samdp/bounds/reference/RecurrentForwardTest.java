package org.samdp.bounds.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.samdp.bounds.network.Network;

/** The RNN, LSTM and GRU cells against PyTorch's outputs at the centres of the recurrent reference cases. */
class RecurrentForwardTest {

  static Stream<Path> recurrentCases() throws IOException {
    Path folder = ReferenceFiles.folder();
    // One file per group: the CROWN files cover every recurrent network.
    return Files.list(folder).filter(p -> p.getFileName().toString().matches("(rnn|lstm|gru)_.*__CROWN\\.json"))
        .sorted().toList().stream();
  }

  @ParameterizedTest
  @MethodSource("recurrentCases")
  void forwardMatchesPyTorchOnTheCaseCentre(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = NetworkJson.read(root.get("network"), manager);
      NDArray centre = JsonArrays.toArray(root.get("input").get("center"), manager, "center");
      NDArray expected = JsonArrays.toArray(root.get("forward"), manager, "forward");
      double error = network.forward(centre).sub(expected).abs().max().getDouble();
      assertTrue(error < 1e-12, file.getFileName() + ": forward differs by " + error);
    }
  }
}
