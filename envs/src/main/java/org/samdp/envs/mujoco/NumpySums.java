package org.samdp.envs.mujoco;

/**
 * Sums in numpy's order of additions, so that reward terms equal Gymnasium's to the last bit. {@code np.sum} of a
 * contiguous float64 array is a pairwise sum: up to 7 elements one by one, up to 128 in eight interleaved partial sums
 * combined as a tree, longer runs split in halves (a multiple of 8 first).
 */
final class NumpySums {
  private static final int BLOCK = 128;

  private NumpySums() {}

  /** {@code np.sum(values)}. */
  static double sum(double[] values) {
    return 0.0 + pairwise(values, 0, values.length, false); // the reduction starts from +0.0
  }

  /** {@code np.sum(np.square(values))}. */
  static double sumOfSquares(double[] values) {
    return 0.0 + pairwise(values, 0, values.length, true); // the reduction starts from +0.0
  }

  private static double pairwise(double[] a, int start, int n, boolean square) {
    if (n < 8) {
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        sum += term(a, start + i, square);
      }
      return sum;
    }
    if (n <= BLOCK) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = term(a, start + j, square);
      }
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += term(a, start + i + j, square);
        }
      }
      double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        sum += term(a, start + i, square);
      }
      return sum;
    }
    int half = n / 2;
    half -= half % 8;
    return pairwise(a, start, half, square) + pairwise(a, start + half, n - half, square);
  }

  private static double term(double[] a, int i, boolean square) {
    return square ? a[i] * a[i] : a[i];
  }
}
