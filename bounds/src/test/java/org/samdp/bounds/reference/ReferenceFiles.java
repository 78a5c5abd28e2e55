package org.samdp.bounds.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds the shared reference bounds and lists the feed-forward and the recurrent cases. */
final class ReferenceFiles {
  private static final Set<String> RECURRENT = Set.of("rnn", "lstm", "gru");

  private ReferenceFiles() {}

  static Path folder() {
    String shared = System.getProperty("samdp.shared");
    Path base = shared != null ? Path.of(shared) : Path.of(System.getProperty("samdp.root", ".."), "..", "shared");
    Path folder = base.resolve("reference").resolve("bounds");
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("reference bounds not found at " + folder.toAbsolutePath()
          + " (set -Dsamdp.shared)");
    }
    return folder;
  }

  /** Index entries of every auto_LiRPA case without recurrent layers. */
  static List<JsonNode> feedForwardCases() {
    return cases(false);
  }

  /** Index entries of every case with a recurrent layer (auto_LiRPA and POPQORN). */
  static List<JsonNode> recurrentCases() {
    return cases(true);
  }

  private static List<JsonNode> cases(boolean recurrentOnes) {
    try {
      JsonNode index = new ObjectMapper().readTree(folder().resolve("index.json").toFile());
      List<JsonNode> cases = new ArrayList<>();
      for (JsonNode entry : index.get("cases")) {
        boolean recurrent = false;
        for (JsonNode layer : entry.get("layers")) {
          recurrent |= RECURRENT.contains(layer.asText());
        }
        if (recurrentOnes ? recurrent : !recurrent && entry.get("tool").asText().equals("auto_LiRPA")) {
          cases.add(entry);
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
