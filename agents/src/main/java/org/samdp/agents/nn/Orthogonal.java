package org.samdp.agents.nn;

import java.util.random.RandomGenerator;

/**
 * Orthogonal initialisation as in PyTorch's {@code nn.init.orthogonal_}: a Gaussian matrix of the weight's
 * {@code [rows, rest]} shape is orthonormalised (QR, with the signs of R's diagonal folded into Q so that the result is
 * uniformly distributed) and scaled by a gain. Rows are orthonormal when there are fewer rows than columns, columns
 * otherwise. Plain Java, so the same seed gives the same weights everywhere.
 */
final class Orthogonal {
  private Orthogonal() {}

  /** A {@code rows x cols} matrix, row-major, with orthonormal rows or columns times {@code gain}. */
  static double[] matrix(int rows, int cols, double gain, RandomGenerator random) {
    double[] flat = new double[rows * cols];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = random.nextGaussian();
    }
    boolean wide = rows < cols;
    int tall = wide ? cols : rows;
    int narrow = wide ? rows : cols;
    // Column j of the tall matrix: the j-th row of a wide weight, the j-th column of a tall one.
    double[][] columns = new double[narrow][tall];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (wide) {
          columns[r][c] = flat[r * cols + c];
        } else {
          columns[c][r] = flat[r * cols + c];
        }
      }
    }
    orthonormalize(columns);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        flat[r * cols + c] = gain * (wide ? columns[r][c] : columns[c][r]);
      }
    }
    return flat;
  }

  /**
   * Modified Gram-Schmidt with one re-orthogonalisation pass, in place. The diagonal of R is the norm before
   * normalisation, always positive here, which is the sign convention PyTorch applies after its QR.
   */
  private static void orthonormalize(double[][] columns) {
    for (int j = 0; j < columns.length; j++) {
      double[] v = columns[j];
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < j; k++) {
          double dot = dot(columns[k], v);
          for (int i = 0; i < v.length; i++) {
            v[i] -= dot * columns[k][i];
          }
        }
      }
      double norm = Math.sqrt(dot(v, v));
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
