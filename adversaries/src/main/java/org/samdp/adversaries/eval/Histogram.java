package org.samdp.adversaries.eval;

/**
 * Counts of values in equal bins over {@code [0, max]}; the last bin includes {@code max}.
 *
 * @param edges bin edges, one more than the bins
 * @param counts values per bin
 */
public record Histogram(double[] edges, int[] counts) {

  /**
   * The histogram of values in {@code [0, max]} over {@code bins} bins.
   *
   * @throws IllegalArgumentException if {@code max} or {@code bins} is not positive
   */
  public static Histogram of(double[] values, double max, int bins) {
    if (!(max > 0) || bins <= 0) {
      throw new IllegalArgumentException("a histogram needs max > 0 and bins > 0, got " + max + " and " + bins);
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = max * i / bins;
    }
    int[] counts = new int[bins];
    for (double v : values) {
      counts[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / max * bins)))]++;
    }
    return new Histogram(edges, counts);
  }
}
