package org.samdp.experiments.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A numpy dtype as pickled ({@code numpy.dtype('f8', False, True)}, then {@code BUILD} with its byte order): enough
 * to read the numbers of arrays and scalars of float and integer types.
 */
public final class NumpyDType {
  private final String code;
  private ByteOrder order = ByteOrder.nativeOrder();

  NumpyDType(String code) {
    this.code = code;
  }

  /** The type code, e.g. {@code f8}. */
  public String code() {
    return code;
  }

  /** {@code BUILD}'s state: a tuple whose second entry is the byte order ({@code <}, {@code >}, {@code |}). */
  void build(Object state) {
    if (state instanceof List<?> tuple && tuple.size() > 1 && tuple.get(1) instanceof String byteOrder) {
      if (byteOrder.equals("<")) {
        order = ByteOrder.LITTLE_ENDIAN;
      } else if (byteOrder.equals(">")) {
        order = ByteOrder.BIG_ENDIAN;
      }
    }
  }

  /** Bytes per element. */
  int itemSize() {
    return switch (code) {
      case "f8", "i8", "u8" -> 8;
      case "f4", "i4", "u4" -> 4;
      case "i2", "u2" -> 2;
      case "i1", "u1", "b1" -> 1;
      default -> throw unsupported();
    };
  }

  /** The values of raw bytes as doubles. */
  double[] decode(byte[] bytes) {
    int size = itemSize();
    if (bytes.length % size != 0) {
      throw new IllegalArgumentException("numpy data of " + bytes.length + " bytes is not a whole number of " + code
          + " values");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
    double[] values = new double[bytes.length / size];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (code) {
        case "f8" -> buffer.getDouble();
        case "f4" -> buffer.getFloat();
        case "i8", "u8" -> buffer.getLong();
        case "i4" -> buffer.getInt();
        case "u4" -> Integer.toUnsignedLong(buffer.getInt());
        case "i2" -> buffer.getShort();
        case "u2" -> Short.toUnsignedInt(buffer.getShort());
        case "i1" -> buffer.get();
        case "u1", "b1" -> Byte.toUnsignedInt(buffer.get());
        default -> throw unsupported();
      };
    }
    return values;
  }

  private IllegalArgumentException unsupported() {
    return new IllegalArgumentException("numpy values of dtype '" + code + "' cannot be read as numbers");
  }

  /** Pickled bytes: {@code bytes}, or a {@code str} whose characters are the bytes (Python 2 pickles, latin-1). */
  static byte[] bytesOf(Object data) {
    if (data instanceof byte[] bytes) {
      return bytes;
    }
    if (data instanceof String text) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    throw new IllegalArgumentException("numpy data is a " + Unpickler.typeName(data) + ", not bytes");
  }

  @Override
  public String toString() {
    return "dtype('" + code + "')";
  }
}
