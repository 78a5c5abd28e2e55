package org.samdp.agents.threat;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * Euclidean projection of each row onto the ℓ1 ball of radius ε (Duchi et al. 2008): rows already inside stay; the
 * others lose the threshold θ from every absolute value, θ chosen so that what is left sums to ε.
 */
final class L1Projection {
  private L1Projection() {}

  /** {@code delta} {@code [B, ...shape]} with each row projected onto the ℓ1 ball of radius {@code eps}. */
  static NDArray project(NDArray delta, double eps) {
    int rows = Math.toIntExact(delta.getShape().get(0));
    float[] values = delta.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    int width = values.length / rows;
    for (int b = 0; b < rows; b++) {
      projectRow(values, b * width, width, eps);
    }
    return delta.getManager().create(values, delta.getShape()).toType(delta.getDataType(), false);
  }

  private static void projectRow(float[] values, int from, int width, double eps) {
    double[] magnitudes = new double[width];
    double total = 0;
    for (int i = 0; i < width; i++) {
      magnitudes[i] = Math.abs(values[from + i]);
      total += magnitudes[i];
    }
    if (total <= eps) {
      return;
    }
    double[] sorted = magnitudes.clone();
    Arrays.sort(sorted);
    double sum = 0;
    double theta = 0;
    for (int k = 1; k <= width; k++) {
      double u = sorted[width - k];
      sum += u;
      double candidate = (sum - eps) / k;
      if (u > candidate) {
        theta = candidate;
      }
    }
    for (int i = 0; i < width; i++) {
      double shrunk = Math.max(0, magnitudes[i] - theta);
      values[from + i] = (float) Math.copySign(shrunk, values[from + i]);
    }
  }
}
