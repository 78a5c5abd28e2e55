package org.samdp.bounds.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.bounds.BoundMethod;

/** The command-line entry points: loading a case, choosing the method, writing bounds as JSON, bad files. */
class ReferenceCaseTest {

  @Test
  void computesWithTheFilesMethodOrAGivenOneAndWritesJson() throws IOException {
    ReferenceCase reference = ReferenceCase.load(
        ReferenceFiles.folder().resolve("mlp_relu_L2_h16_in4_out3_linf_eps0.01__CROWN.json"));
    assertEquals(BoundMethod.CROWN, reference.method());
    BoundMatrices crown = reference.compute(reference.method());
    BoundMatrices ibp = reference.compute(BoundMethod.IBP);
    JsonNode json = new ObjectMapper().readTree(crown.toJson());
    assertEquals(crown.lower()[1][2], json.get("lower").get(1).get(2).doubleValue());
    assertEquals(crown.upper()[0][0], json.get("upper").get(0).get(0).doubleValue());
    assertTrue(ibp.upper()[0][0] - ibp.lower()[0][0] >= crown.upper()[0][0] - crown.lower()[0][0] - 1e-12);
  }

  @Test
  void computesRecurrentCasesWithTheirPerturbedSteps() throws IOException {
    ReferenceCase recurrent = ReferenceCase.load(
        ReferenceFiles.folder().resolve("lstm_T3_in6_h12_out3_linf_eps0.1_step1__CROWN.json"));
    BoundMatrices crown = recurrent.compute(recurrent.method());
    assertEquals(recurrent.lower()[0][0], crown.lower()[0][0], 1e-9);
    assertEquals(recurrent.upper()[1][2], crown.upper()[1][2], 1e-9);
  }

  @Test
  void malformedCasesGiveClearErrors(@TempDir Path dir) throws IOException {
    Path notACase = dir.resolve("x.json");
    Files.writeString(notACase, "{\"lower\": [[0]]}");
    assertThrows(IOException.class, () -> ReferenceCase.load(notACase));
    Path twoUnsupported = dir.resolve("y.json");
    Files.writeString(twoUnsupported, "{\"network\": {\"input_shape\": [3], \"layers\": [{\"type\": \"elu\"},"
        + " {\"type\": \"relu\"}, {\"type\": \"softmax\"}]}, \"input\": {\"center\": [[0, 0, 0]], \"norm\": \"inf\","
        + " \"eps\": 0.1}, \"method\": \"IBP\"}");
    ReferenceCase unsupported = ReferenceCase.load(twoUnsupported);
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> unsupported.compute(unsupported.method()));
    assertTrue(both.getMessage().contains("layer 0 (elu), layer 2 (softmax)"), both.getMessage());
  }
}
