package org.samdp.bounds.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.samdp.bounds.BoundMethod;

/** Every feed-forward auto_LiRPA case: exact methods match to 1e-6 relative, α-CROWN is sound and tight. */
@Tag("peer")
class ReferenceCasesTest {
  private static final double RELATIVE = 1e-6;
  private static final double SOUNDNESS_SLACK = 1e-9;

  @Test
  void theFeedForwardCasesAreAllThere() {
    List<JsonNode> cases = ReferenceFiles.feedForwardCases();
    assertEquals(169, cases.size(), "feed-forward auto_LiRPA cases in index.json");
  }

  @TestFactory
  Stream<DynamicTest> everyFeedForwardCase() {
    return ReferenceFiles.feedForwardCases().stream().map(entry -> DynamicTest.dynamicTest(
        entry.get("file").asText(), () -> check(ReferenceCase.load(ReferenceFiles.folder()
            .resolve(entry.get("file").asText())))));
  }

  private static void check(ReferenceCase reference) throws IOException {
    BoundMatrices ours = reference.compute(reference.method());
    assertContainsEmpirical(reference, ours);
    if (reference.method() == BoundMethod.ALPHA_CROWN) {
      double width = totalWidth(ours);
      double referenceWidth = totalWidth(new BoundMatrices(reference.lower(), reference.upper()));
      assertTrue(width <= 1.2 * referenceWidth,
          "alpha-CROWN total width " + width + " vs reference " + referenceWidth);
    } else {
      assertTrue(reference.exactReproductionExpected());
      assertClose(reference.lower(), ours.lower(), "lower");
      assertClose(reference.upper(), ours.upper(), "upper");
    }
  }

  private static void assertContainsEmpirical(ReferenceCase reference, BoundMatrices ours) {
    double[][] min = reference.empiricalMin();
    double[][] max = reference.empiricalMax();
    for (int b = 0; b < min.length; b++) {
      for (int j = 0; j < min[b].length; j++) {
        assertTrue(ours.lower()[b][j] <= min[b][j] + SOUNDNESS_SLACK,
            "lower[" + b + "][" + j + "] = " + ours.lower()[b][j] + " above empirical min " + min[b][j]);
        assertTrue(ours.upper()[b][j] >= max[b][j] - SOUNDNESS_SLACK,
            "upper[" + b + "][" + j + "] = " + ours.upper()[b][j] + " below empirical max " + max[b][j]);
      }
    }
  }

  private static void assertClose(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + " batch");
    for (int b = 0; b < expected.length; b++) {
      assertEquals(expected[b].length, actual[b].length, what + " outputs");
      for (int j = 0; j < expected[b].length; j++) {
        double tolerance = RELATIVE * Math.abs(expected[b][j]) + 1e-12;
        assertEquals(expected[b][j], actual[b][j], tolerance, what + "[" + b + "][" + j + "]");
      }
    }
  }

  private static double totalWidth(BoundMatrices bounds) {
    double total = 0;
    for (int b = 0; b < bounds.lower().length; b++) {
      for (int j = 0; j < bounds.lower()[b].length; j++) {
        total += bounds.upper()[b][j] - bounds.lower()[b][j];
      }
    }
    return total;
  }
}
