package org.samdp.experiments.torch;

import java.util.Arrays;
import java.util.List;

/**
 * A numpy array as pickled: made empty by {@code numpy.core.multiarray._reconstruct} (or numpy 2's
 * {@code numpy._core.multiarray._reconstruct}), then given shape, dtype and data by {@code BUILD}.
 */
public final class NumpyArray {
  private long[] shape;
  private NumpyDType dtype;
  private boolean fortran;
  private Object data;

  NumpyArray() {}

  /** {@code BUILD}'s state: {@code (version, shape, dtype, is_fortran, data)}. */
  void build(Object state) {
    if (!(state instanceof List<?> tuple) || tuple.size() != 5 || !(tuple.get(1) instanceof List<?> dims)
        || !(tuple.get(2) instanceof NumpyDType type)) {
      throw new IllegalArgumentException("a numpy array's pickled state is not (version, shape, dtype, fortran,"
          + " data)");
    }
    shape = dims.stream().mapToLong(d -> ((Number) d).longValue()).toArray();
    dtype = type;
    fortran = Boolean.TRUE.equals(tuple.get(3));
    data = tuple.get(4);
  }

  /** The shape (empty for a 0-d array). */
  public long[] shape() {
    requireBuilt();
    return shape.clone();
  }

  /** The dtype. */
  public NumpyDType dtype() {
    requireBuilt();
    return dtype;
  }

  /**
   * The values in row-major order as doubles.
   *
   * @throws IllegalArgumentException for a dtype that is not a number, or a Fortran-ordered array of several axes
   */
  public double[] toDoubles() {
    requireBuilt();
    if (fortran && shape.length > 1) {
      throw new IllegalArgumentException("Fortran-ordered numpy arrays of several axes are not supported");
    }
    double[] values = dtype.decode(NumpyDType.bytesOf(data));
    long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (values.length != size) {
      throw new IllegalArgumentException("a numpy array of shape " + Arrays.toString(shape) + " holds "
          + values.length + " values");
    }
    return values;
  }

  private void requireBuilt() {
    if (shape == null) {
      throw new IllegalArgumentException("a numpy array was pickled without its state");
    }
  }

  @Override
  public String toString() {
    return "ndarray" + (shape == null ? "" : Arrays.toString(shape));
  }
}
