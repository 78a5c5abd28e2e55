package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of {@code samdp bounds compute} on a reference case. */
class BoundsCommandTest {
  private static final Path REFERENCE = Path.of(System.getProperty("samdp.shared", "../../shared"))
      .resolve("reference/bounds");

  @Test
  void computePrintsTheReferenceBoundsOfACase() throws IOException {
    Path file = REFERENCE.resolve("cnn_c1_8x8_linf_eps0.05__CROWN_IBP.json");
    CliRun run = CliRun.of("bounds", "compute", "--case", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode printed = new ObjectMapper().readTree(run.out());
    JsonNode reference = new ObjectMapper().readTree(file.toFile());
    assertClose(reference.get("lower"), printed.get("lower"));
    assertClose(reference.get("upper"), printed.get("upper"));
  }

  @Test
  void computeBoundsRecurrentCasesOverTheirPerturbedSteps() throws IOException {
    for (String name : new String[] {"gru_T3_in8_h16_out3_linf_eps0.1_step1__CROWN.json",
        "lstm_T2_in6_h12_out3_linf_eps0.05_allsteps__CROWN_IBP.json", "rnn_T3_in4_h8_out3_linf_eps0.1_step1__IBP.json"}) {
      Path file = REFERENCE.resolve(name);
      CliRun run = CliRun.of("bounds", "compute", "--case", file.toString());
      assertEquals(0, run.exitCode(), run.err());
      JsonNode reference = new ObjectMapper().readTree(file.toFile());
      JsonNode printed = new ObjectMapper().readTree(run.out());
      assertClose(reference.get("lower"), printed.get("lower"));
      assertClose(reference.get("upper"), printed.get("upper"));
    }
  }

  @Test
  void popqornCasesRunWithTheirOwnMethodAndContainTheEmpiricalExtremes() throws IOException {
    Path file = REFERENCE.resolve("lstm_T3_in6_h12_out3_linf_eps0.1_step1__POPQORN.json");
    CliRun run = CliRun.of("bounds", "compute", "--case", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode reference = new ObjectMapper().readTree(file.toFile());
    JsonNode printed = new ObjectMapper().readTree(run.out());
    for (int b = 0; b < reference.get("empirical_min").size(); b++) {
      for (int j = 0; j < reference.get("empirical_min").get(b).size(); j++) {
        assertTrue(printed.get("lower").get(b).get(j).asDouble()
            <= reference.get("empirical_min").get(b).get(j).asDouble());
        assertTrue(printed.get("upper").get(b).get(j).asDouble()
            >= reference.get("empirical_max").get(b).get(j).asDouble());
      }
    }
  }

  @Test
  void aPerturbedStepBeyondTheSequenceGetsOneLine(@TempDir Path dir) throws IOException {
    Path file = REFERENCE.resolve("rnn_T3_in4_h8_out3_linf_eps0.1_step1__IBP.json");
    Path beyond = Files.writeString(dir.resolve("beyond.json"), Files.readString(file)
        .replaceFirst("\"perturbed_steps\"\\s*:\\s*\\[\\s*1\\s*\\]", "\"perturbed_steps\": [3]"));
    CliRun run = CliRun.of("bounds", "compute", "--case", beyond.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("perturbed step 3 is outside the sequence of T = 3 steps")
        && run.err().strip().lines().count() == 1, run.err());
  }

  @Test
  void theMethodOptionOverridesTheFile() throws IOException {
    Path crownIbp = REFERENCE.resolve("cnn_c1_8x8_linf_eps0.05__CROWN_IBP.json");
    JsonNode ibp = new ObjectMapper().readTree(REFERENCE.resolve("cnn_c1_8x8_linf_eps0.05__IBP.json").toFile());
    CliRun run = CliRun.of("bounds", "compute", "--case", crownIbp.toString(), "--method", "ibp");
    assertEquals(0, run.exitCode(), run.err());
    assertClose(ibp.get("upper"), new ObjectMapper().readTree(run.out()).get("upper"));
  }

  @Test
  void badInputGetsOneLine(@TempDir Path dir) throws IOException {
    CliRun missing = CliRun.of("bounds", "compute", "--case", dir.resolve("nope.json").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("samdp: error:") && missing.err().strip().lines().count() == 1,
        missing.err());
    Path file = REFERENCE.resolve("cnn_c1_8x8_linf_eps0.05__IBP.json");
    CliRun badMethod = CliRun.of("bounds", "compute", "--case", file.toString(), "--method", "magic");
    assertEquals(2, badMethod.exitCode());
    assertTrue(badMethod.err().contains("unknown bound method 'magic'"), badMethod.err());
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"network\": ");
    CliRun truncated = CliRun.of("bounds", "compute", "--case", broken.toString());
    assertEquals(2, truncated.exitCode());
    assertTrue(truncated.err().contains("case file " + broken + " is not valid JSON at line 1")
        && truncated.err().strip().lines().count() == 1, truncated.err());
    Path nan = Files.writeString(dir.resolve("nan.json"), Files.readString(file)
        .replaceFirst("(\"center\"\\s*:\\s*\\[+)\\s*-?[0-9.eE+-]+", "$1 NaN"));
    CliRun withNan = CliRun.of("bounds", "compute", "--case", nan.toString());
    assertEquals(2, withNan.exitCode(), withNan.err());
    assertTrue(withNan.err().contains("case file " + nan), withNan.err());
  }

  private static void assertClose(JsonNode expected, JsonNode actual) {
    assertEquals(expected.size(), actual.size());
    for (int b = 0; b < expected.size(); b++) {
      for (int i = 0; i < expected.get(b).size(); i++) {
        double e = expected.get(b).get(i).asDouble();
        assertEquals(e, actual.get(b).get(i).asDouble(), 1e-6 * Math.abs(e) + 1e-12);
      }
    }
  }
}
