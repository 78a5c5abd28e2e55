package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of {@code samdp bench bounds}' table and JSON, and its refusals (no times are asserted). */
class BenchBoundsCommandTest {

  @Test
  void oneWorkloadPrintsAbsoluteTimesAndWritesTheSameRowsAsJson(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("samdp.json");
    CliRun run = CliRun.of("bench", "bounds", "--only", "a", "--repeats", "1", "--threads", "1", "--json",
        json.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(a) MLP 17-64-64-6 tanh"), run.out());
    assertFalse(run.out().contains("(b)"), run.out());
    assertFalse(run.out().contains("auto_LiRPA"), run.out());
    assertTrue(run.out().matches("(?s).*\\n  plain forward\\+backward +\\d+\\.\\d\\d ms\\n.*"), run.out());
    assertTrue(run.out().matches("(?s).*\\n  CROWN-IBP \\+ backward +\\d+\\.\\d\\d ms +\\d+\\.\\d\\dx\\n.*"),
        run.out());

    JsonNode document = new ObjectMapper().readTree(json.toFile());
    assertEquals("samdp", document.get("tool").asText());
    assertEquals(1, document.get("threads").asInt());
    List<String> methods = new ArrayList<>();
    for (JsonNode row : document.get("rows")) {
      assertEquals("a", row.get("case").asText());
      assertTrue(row.get("ms").asDouble() > 0, row.toString());
      methods.add(row.get("method").asText());
    }
    assertEquals(List.of("plain forward+backward", "plain forward", "IBP", "IBP floor: the two products per layer",
        "CROWN", "CROWN-IBP", "CROWN-IBP + backward"), methods);
  }

  @Test
  void anUnknownWorkloadIsOneLine() {
    CliRun run = CliRun.of("bench", "bounds", "--only", "a,e");
    assertEquals(2, run.exitCode(), run.out());
    assertEquals("samdp: error: --only takes some of a,b,c,d, got a,e", run.err().strip());
  }
}
