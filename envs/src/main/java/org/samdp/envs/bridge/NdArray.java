package org.samdp.envs.bridge;

import java.util.Arrays;

/**
 * A numpy array that arrived in an info map (or goes out in one) and is not a plain 1-D float64 vector, which arrives
 * as a {@code double[]}: its dtype, its shape and its elements in row-major order. Sending it back gives the same
 * array, dtype included.
 *
 * @param dtype numpy's name of the dtype ({@code "float32"}, {@code "uint8"}, {@code "int64"}, ...)
 * @param shape the dimensions ({@code []} for a numpy scalar)
 * @param values the elements as doubles (exact except 64-bit integers beyond 2^53)
 */
public record NdArray(String dtype, int[] shape, double[] values) {

  public NdArray {
    Tensors.fromNumpyName(dtype);
    shape = shape.clone();
    values = values.clone();
    if (Tensors.count(shape) != values.length) {
      throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray a && a.dtype.equals(dtype) && Arrays.equals(a.shape, shape)
        && Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NdArray(" + dtype + ", " + Arrays.toString(shape) + ", " + Arrays.toString(values) + ")";
  }
}
