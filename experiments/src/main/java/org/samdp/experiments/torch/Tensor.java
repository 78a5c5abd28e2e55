package org.samdp.experiments.torch;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage from an offset with a shape
 * and strides (in elements). Its values are read when asked for, since the legacy format stores the bytes after the
 * pickle that names them.
 *
 * @param storage where the values live
 * @param offset the first element's index in the storage
 * @param shape the sizes
 * @param stride elements between neighbours along each axis
 */
public record Tensor(Storage storage, long offset, long[] shape, long[] stride) {
  /** Checks that shape and stride have one entry per axis. */
  public Tensor {
    if (shape.length != stride.length) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " has strides "
          + Arrays.toString(stride));
    }
    shape = shape.clone();
    stride = stride.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public long[] stride() {
    return stride.clone();
  }

  /** The number of elements. */
  public long size() {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  /**
   * The values in row-major order, as float32.
   *
   * @throws IllegalArgumentException if the storage is not float32 or the view reaches past its end
   */
  public float[] values() {
    int count = Math.toIntExact(size());
    float[] values = new float[count];
    long[] index = new long[shape.length];
    for (int i = 0; i < count; i++) {
      long at = offset;
      for (int d = 0; d < shape.length; d++) {
        at += index[d] * stride[d];
      }
      if (at < 0 || at >= storage.elements()) {
        throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " reaches element " + at
            + " of storage '" + storage.key() + "', which has " + storage.elements());
      }
      values[i] = storage.floatAt(at);
      for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
        index[d] = 0;
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
