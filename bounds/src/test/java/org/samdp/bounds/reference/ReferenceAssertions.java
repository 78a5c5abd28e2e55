package org.samdp.bounds.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of our bounds against a reference case: soundness, equality to 1e-6 relative, tightness by width. */
final class ReferenceAssertions {
  static final double RELATIVE = 1e-6;
  private static final double SOUNDNESS_SLACK = 1e-9;

  private ReferenceAssertions() {}

  /** Our bounds contain the empirical extremes of the case. */
  static void assertContainsEmpirical(ReferenceCase reference, BoundMatrices ours) {
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

  /** Our bounds equal the reference's to {@link #RELATIVE}. */
  static void assertMatches(ReferenceCase reference, BoundMatrices ours) {
    assertClose(reference.lower(), ours.lower(), "lower");
    assertClose(reference.upper(), ours.upper(), "upper");
  }

  /** Our total width is at most {@code factor} times the reference's. */
  static void assertNoWiderThan(double factor, ReferenceCase reference, BoundMatrices ours) {
    double width = totalWidth(ours);
    double referenceWidth = totalWidth(new BoundMatrices(reference.lower(), reference.upper()));
    assertTrue(width <= factor * referenceWidth,
        reference.method() + " total width " + width + " vs reference " + referenceWidth);
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

  /** The sum of {@code upper − lower} over the batch and the outputs. */
  static double totalWidth(BoundMatrices bounds) {
    double total = 0;
    for (int b = 0; b < bounds.lower().length; b++) {
      for (int j = 0; j < bounds.lower()[b].length; j++) {
        total += bounds.upper()[b][j] - bounds.lower()[b][j];
      }
    }
    return total;
  }
}
