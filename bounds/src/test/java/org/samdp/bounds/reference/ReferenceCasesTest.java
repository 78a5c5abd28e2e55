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
    ReferenceAssertions.assertContainsEmpirical(reference, ours);
    if (reference.method() == BoundMethod.ALPHA_CROWN) {
      ReferenceAssertions.assertNoWiderThan(1.2, reference, ours);
    } else {
      assertTrue(reference.exactReproductionExpected());
      ReferenceAssertions.assertMatches(reference, ours);
    }
  }
}
