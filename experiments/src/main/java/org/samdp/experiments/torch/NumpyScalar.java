package org.samdp.experiments.torch;

/**
 * A numpy scalar as pickled ({@code numpy.core.multiarray.scalar(dtype, bytes)}).
 *
 * @param dtype its type
 * @param data its raw bytes ({@code bytes}, or a latin-1 {@code str} from Python 2)
 */
public record NumpyScalar(NumpyDType dtype, Object data) {
  /**
   * Its value.
   *
   * @throws IllegalArgumentException if it is not a number
   */
  public double value() {
    double[] values = dtype.decode(NumpyDType.bytesOf(data));
    if (values.length != 1) {
      throw new IllegalArgumentException("a numpy scalar holds " + values.length + " values");
    }
    return values[0];
  }
}
