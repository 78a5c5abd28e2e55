package org.samdp.envs.bridge;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.samdp.proto.bridge.v1.DType;
import org.samdp.proto.bridge.v1.Tensor;

/**
 * Converts between the bridge's {@link Tensor} (dtype, shape, little-endian bytes) and Java's flat {@code double[]}
 * arrays. Every dtype's values are exact in a double except 64-bit integers beyond 2^53.
 */
final class Tensors {
  private Tensors() {}

  /** Bytes per element of a dtype. */
  static int elementSize(DType dtype) {
    return switch (dtype) {
      case DTYPE_UINT8, DTYPE_INT8, DTYPE_BOOL -> 1;
      case DTYPE_INT16, DTYPE_UINT16 -> 2;
      case DTYPE_FLOAT32, DTYPE_INT32, DTYPE_UINT32 -> 4;
      case DTYPE_FLOAT64, DTYPE_INT64, DTYPE_UINT64 -> 8;
      // float16 needs Java 20's Float.float16ToFloat; no samdp or Gymnasium space uses it.
      case DTYPE_FLOAT16 -> throw new IllegalArgumentException("the Java side of the bridge does not read float16");
      default -> throw new IllegalArgumentException("tensor has no dtype (" + dtype + "); set one of DType's values");
    };
  }

  static boolean isFloating(DType dtype) {
    return dtype == DType.DTYPE_FLOAT16 || dtype == DType.DTYPE_FLOAT32 || dtype == DType.DTYPE_FLOAT64;
  }

  /** numpy's name of a dtype ({@code float32}, {@code uint8}, ...). */
  static String numpyName(DType dtype) {
    return dtype.name().substring("DTYPE_".length()).toLowerCase(java.util.Locale.ROOT);
  }

  /** The bridge dtype of a numpy dtype name; unknown names are an error that lists the known ones. */
  static DType fromNumpyName(String name) {
    for (DType dtype : DType.values()) {
      if (dtype != DType.DTYPE_UNSPECIFIED && dtype != DType.UNRECOGNIZED && numpyName(dtype).equals(name)) {
        return dtype;
      }
    }
    throw new IllegalArgumentException("unknown dtype '" + name + "'");
  }

  /** A tensor of {@code shape} holding {@code values} converted to {@code dtype} (floats rounded, ints truncated). */
  static Tensor encode(double[] values, int[] shape, DType dtype) {
    int count = count(shape);
    if (values.length != count) {
      throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
    }
    ByteBuffer buffer = ByteBuffer.allocate(count * elementSize(dtype)).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      switch (dtype) {
        case DTYPE_FLOAT32 -> buffer.putFloat((float) v);
        case DTYPE_FLOAT64 -> buffer.putDouble(v);
        case DTYPE_UINT8, DTYPE_INT8 -> buffer.put((byte) (long) v);
        case DTYPE_BOOL -> buffer.put((byte) (v != 0 ? 1 : 0));
        case DTYPE_INT16, DTYPE_UINT16 -> buffer.putShort((short) (long) v);
        case DTYPE_INT32, DTYPE_UINT32 -> buffer.putInt((int) (long) v);
        case DTYPE_INT64 -> buffer.putLong((long) v);
        case DTYPE_UINT64 -> buffer.putLong(v >= 0x1p63 ? (long) (v - 0x1p63) + Long.MIN_VALUE : (long) v);
        default -> throw new IllegalArgumentException("cannot encode dtype " + dtype);
      }
    }
    Tensor.Builder tensor = Tensor.newBuilder().setDtype(dtype).setData(ByteString.copyFrom(buffer.array()));
    for (int d : shape) {
      tensor.addShape(d);
    }
    return tensor.build();
  }

  /** The tensor's elements as doubles, after checking that its bytes fill its shape. */
  static double[] decode(Tensor tensor) {
    int count = count(shape(tensor));
    int size = elementSize(tensor.getDtype());
    if (tensor.getData().size() != (long) count * size) {
      throw new IllegalArgumentException("tensor of shape " + tensor.getShapeList() + " and dtype "
          + numpyName(tensor.getDtype()) + " needs " + (long) count * size + " bytes, got " + tensor.getData().size());
    }
    ByteBuffer buffer = tensor.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = switch (tensor.getDtype()) {
        case DTYPE_FLOAT32 -> buffer.getFloat();
        case DTYPE_FLOAT64 -> buffer.getDouble();
        case DTYPE_UINT8 -> Byte.toUnsignedInt(buffer.get());
        case DTYPE_INT8 -> buffer.get();
        case DTYPE_BOOL -> buffer.get() != 0 ? 1 : 0;
        case DTYPE_INT16 -> buffer.getShort();
        case DTYPE_UINT16 -> Short.toUnsignedInt(buffer.getShort());
        case DTYPE_INT32 -> buffer.getInt();
        case DTYPE_UINT32 -> Integer.toUnsignedLong(buffer.getInt());
        case DTYPE_INT64 -> buffer.getLong();
        case DTYPE_UINT64 -> unsigned(buffer.getLong());
        default -> throw new IllegalArgumentException("cannot decode dtype " + tensor.getDtype());
      };
    }
    return values;
  }

  /** The tensor's shape as ints, rejecting negative or huge dimensions. */
  static int[] shape(Tensor tensor) {
    int[] shape = new int[tensor.getShapeCount()];
    for (int i = 0; i < shape.length; i++) {
      long d = tensor.getShape(i);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("tensor shape " + tensor.getShapeList() + " has an invalid dimension");
      }
      shape[i] = (int) d;
    }
    return shape;
  }

  /** Stacks equally shaped tensors of one dtype along a new first axis. */
  static Tensor stack(java.util.List<Tensor> tensors) {
    Tensor first = tensors.get(0);
    Tensor.Builder stacked = Tensor.newBuilder().setDtype(first.getDtype()).addShape(tensors.size())
        .addAllShape(first.getShapeList());
    ByteString data = ByteString.EMPTY;
    for (Tensor t : tensors) {
      data = data.concat(t.getData());
    }
    return stacked.setData(data).build();
  }

  /** Splits a tensor along its first axis into {@code n} tensors. */
  static java.util.List<Tensor> unstack(Tensor tensor, int n) {
    if (tensor.getShapeCount() == 0 || tensor.getShape(0) != n) {
      throw new IllegalArgumentException("expected a batch of " + n + " along the first axis, got shape "
          + tensor.getShapeList());
    }
    int bytes = tensor.getData().size();
    if (bytes % n != 0) {
      throw new IllegalArgumentException("tensor data of " + bytes + " bytes does not split into " + n + " parts");
    }
    int part = bytes / n;
    java.util.List<Tensor> parts = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(Tensor.newBuilder().setDtype(tensor.getDtype())
          .addAllShape(tensor.getShapeList().subList(1, tensor.getShapeCount()))
          .setData(tensor.getData().substring(i * part, (i + 1) * part)).build());
    }
    return parts;
  }

  static int count(int[] shape) {
    long count = 1;
    for (int d : shape) {
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " is too large");
      }
    }
    return (int) count;
  }

  private static double unsigned(long bits) {
    double value = (double) (bits & Long.MAX_VALUE);
    return bits < 0 ? value + 0x1p63 : value;
  }
}
