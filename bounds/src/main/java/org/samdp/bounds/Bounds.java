package org.samdp.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Lower and upper bounds of a network's outputs (or of {@code C·f(x)} with a specification), {@code [B, n]}. A side
 * that was not requested is null.
 *
 * @param lower lower bounds, or null
 * @param upper upper bounds, or null
 */
public record Bounds(NDArray lower, NDArray upper) {

  /** The lower bounds as {@code double[B][n]}. */
  public double[][] lowerMatrix() {
    return matrix(lower);
  }

  /** The upper bounds as {@code double[B][n]}. */
  public double[][] upperMatrix() {
    return matrix(upper);
  }

  /** A {@code [B, n]} array as {@code double[B][n]}. */
  public static double[][] matrix(NDArray array) {
    int rows = Math.toIntExact(array.getShape().get(0));
    int cols = Math.toIntExact(array.getShape().get(1));
    double[] flat = array.toType(DataType.FLOAT64, false).toDoubleArray();
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }
}
