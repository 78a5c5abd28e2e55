package org.samdp.adversaries.eval;

import java.util.Arrays;

/**
 * A summary of many values: mean, population standard deviation (numpy's default, as the papers report ± std) and
 * quantiles (linear interpolation between order statistics).
 *
 * @param count number of values
 * @param mean their mean
 * @param std their population standard deviation
 * @param min the smallest
 * @param p10 the 10th percentile
 * @param median the median
 * @param p90 the 90th percentile
 * @param max the largest
 */
public record Distribution(int count, double mean, double std, double min, double p10, double median, double p90,
    double max) {

  /**
   * The summary of {@code values}.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static Distribution of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a distribution needs at least one value");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(values).average().orElseThrow();
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    return new Distribution(values.length, mean, Math.sqrt(squares / values.length), sorted[0],
        quantile(sorted, 0.1), quantile(sorted, 0.5), quantile(sorted, 0.9), sorted[sorted.length - 1]);
  }

  /** The {@code q}-quantile of sorted values, interpolating linearly (numpy's default). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
