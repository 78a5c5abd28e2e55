package org.samdp.agents.replay;

import java.util.Arrays;

/**
 * A sum tree and a min tree over the same leaves (Schaul et al. 2016, appendix B.2.1): setting a leaf is
 * {@code O(log n)}, the total and the smallest leaf are {@code O(1)}, and {@link #find} walks down to the leaf where a
 * prefix sum falls, which is how proportional sampling draws an index. Leaves that were never set count as 0 in the
 * sum and are ignored by the minimum.
 */
final class PriorityTree {
  private final int leaves;
  private final double[] sums;
  private final double[] mins;

  /** A tree of at least {@code capacity} leaves, all unset. */
  PriorityTree(int capacity) {
    int size = 1;
    while (size < capacity) {
      size <<= 1;
    }
    this.leaves = size;
    this.sums = new double[2 * size];
    this.mins = new double[2 * size];
    Arrays.fill(mins, Double.POSITIVE_INFINITY);
  }

  /** Sets leaf {@code index} to {@code value >= 0} and updates the path to the root. */
  void set(int index, double value) {
    int node = index + leaves;
    sums[node] = value;
    mins[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      sums[node] = sums[2 * node] + sums[2 * node + 1];
      mins[node] = Math.min(mins[2 * node], mins[2 * node + 1]);
    }
  }

  /** The value of leaf {@code index} (0 if unset). */
  double get(int index) {
    return sums[index + leaves];
  }

  /** The sum of all leaves. */
  double total() {
    return sums[1];
  }

  /** The smallest leaf that was set (infinity if none). */
  double min() {
    return mins[1];
  }

  /**
   * The leaf {@code i} with {@code sum(leaves before i) <= mass < sum(leaves up to i)}, for {@code 0 <= mass < total}.
   * Rounding can carry a mass at the very top past the last set leaf; the caller clamps the index.
   */
  int find(double mass) {
    int node = 1;
    while (node < leaves) {
      int left = 2 * node;
      if (mass < sums[left]) {
        node = left;
      } else {
        mass -= sums[left];
        node = left + 1;
      }
    }
    return node - leaves;
  }
}
