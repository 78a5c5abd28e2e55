package org.samdp.agents.run;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The few fields of TensorFlow's {@code Event} protobuf that scalar logs need, encoded by hand (a generated class
 * would bring a .proto and protobuf-java into every module for five fields): {@code wall_time} (1, double),
 * {@code step} (2, int64), {@code file_version} (3, string) and {@code summary} (5), whose {@code value}s (1) each
 * hold a {@code tag} (1, string) and a {@code simple_value} (2, float).
 */
final class EventProto {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private EventProto() {}

  /** The first event of every file: which format it holds. */
  static byte[] fileVersion(double wallTime, String version) {
    ByteArrayOutputStream out = header(wallTime, 0);
    bytes(out, 3, version.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** One event with a scalar per entry of {@code values}, by tag. */
  static byte[] scalars(double wallTime, long step, Map<String, Double> values) {
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    values.forEach((tag, value) -> {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      bytes(entry, 1, tag.getBytes(StandardCharsets.UTF_8));
      key(entry, 2, FIXED32);
      entry.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value.floatValue()).array());
      bytes(summary, 1, entry.toByteArray());
    });
    ByteArrayOutputStream out = header(wallTime, step);
    bytes(out, 5, summary.toByteArray());
    return out.toByteArray();
  }

  /**
   * The {@code step} of an encoded event (0 when absent, as protobuf reads it).
   *
   * @throws IllegalArgumentException if the bytes are not a protobuf message
   */
  static long step(byte[] event) {
    ByteBuffer in = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
    long step = 0;
    while (in.hasRemaining()) {
      long key = varint(in);
      int field = (int) (key >>> 3);
      switch ((int) (key & 7)) {
        case VARINT -> {
          long value = varint(in);
          if (field == 2) {
            step = value;
          }
        }
        case FIXED64 -> skip(in, 8);
        case LENGTH_DELIMITED -> skip(in, varint(in));
        case FIXED32 -> skip(in, 4);
        default -> throw new IllegalArgumentException("not an event: wire type " + (key & 7));
      }
    }
    return step;
  }

  private static ByteArrayOutputStream header(double wallTime, long step) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    key(out, 1, FIXED64);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(wallTime).array());
    if (step != 0) {
      key(out, 2, VARINT);
      varint(out, step);
    }
    return out;
  }

  private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
    key(out, field, LENGTH_DELIMITED);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void key(ByteArrayOutputStream out, int field, int wireType) {
    varint(out, (long) field << 3 | wireType);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        throw new IllegalArgumentException("not an event: a varint runs past the end");
      }
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("not an event: a varint longer than 10 bytes");
  }

  private static void skip(ByteBuffer in, long length) {
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("not an event: a field runs past the end");
    }
    in.position(in.position() + (int) length);
  }
}
