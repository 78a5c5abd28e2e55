package org.samdp.bounds.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.samdp.bounds.BoundMethod;

/**
 * Every RNN, LSTM and GRU case, unrolled: IBP, CROWN and CROWN-IBP match auto_LiRPA to 1e-6 relative; α-CROWN and
 * POPQORN are at most 1.2 times as wide as the reference's optimised bounds, α-CROWN strictly tighter than CROWN;
 * every method contains the empirical extremes.
 */
@Tag("peer")
class RecurrentReferenceCaseTest {

  @Test
  void theRecurrentCasesAreAllThere() {
    assertEquals(56, ReferenceFiles.recurrentCases().size(), "recurrent cases in index.json");
  }

  @TestFactory
  Stream<DynamicTest> everyRecurrentCase() {
    return ReferenceFiles.recurrentCases().stream().map(entry -> DynamicTest.dynamicTest(entry.get("file").asText(), () -> check(file(entry))));
  }

  private static ReferenceCase file(JsonNode entry) throws java.io.IOException {
    return ReferenceCase.load(ReferenceFiles.folder().resolve(entry.get("file").asText()));
  }

  private static void check(ReferenceCase reference) {
    BoundMatrices ours = reference.compute(reference.method());
    ReferenceAssertions.assertContainsEmpirical(reference, ours);
    if (reference.method() == BoundMethod.ALPHA_CROWN) {
      ReferenceAssertions.assertNoWiderThan(1.2, reference, ours);
      double crown = ReferenceAssertions.totalWidth(reference.compute(BoundMethod.CROWN));
      assertTrue(ReferenceAssertions.totalWidth(ours) < crown, "alpha-CROWN no tighter than CROWN's " + crown);
    } else if (reference.method() == BoundMethod.POPQORN) {
      ReferenceAssertions.assertNoWiderThan(1.2, reference, ours);
    } else {
      ReferenceAssertions.assertMatches(reference, ours);
    }
  }
}
