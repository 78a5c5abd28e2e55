package org.samdp.experiments.torch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, for files that no fixture has (protocol 2, as torch.save writes). */
public final class PickleBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Starts with {@code PROTO 2}. */
  public static PickleBytes start() {
    return new PickleBytes().op(0x80).op(2);
  }

  /** Continues an existing pickle (whose trailing opcodes the caller removed). */
  public static PickleBytes continuing(byte[] prefix) {
    PickleBytes bytes = new PickleBytes();
    bytes.out.writeBytes(prefix);
    return bytes;
  }

  /** One raw byte (an opcode or its argument). */
  public PickleBytes op(int code) {
    out.write(code);
    return this;
  }

  /** {@code BINUNICODE}. */
  public PickleBytes string(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    op('X').int32(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  /** {@code BININT}. */
  public PickleBytes integer(int value) {
    return op('J').int32(value);
  }

  /** {@code GLOBAL module name}. */
  public PickleBytes global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** {@code MARK}. */
  public PickleBytes mark() {
    return op('(');
  }

  /** A tuple of ints. */
  public PickleBytes ints(long... values) {
    mark();
    for (long v : values) {
      integer(Math.toIntExact(v));
    }
    return op('t');
  }

  /**
   * {@code torch._utils._rebuild_tensor_v2} over float storage {@code key} of {@code elements} elements.
   */
  public PickleBytes tensor(String key, long elements, long offset, long[] shape, long[] stride) {
    global("torch._utils", "_rebuild_tensor_v2").mark();
    mark().string("storage").global("torch", "FloatStorage").string(key).string("cpu").integer((int) elements).op('t');
    op('Q'); // BINPERSID
    integer((int) offset).ints(shape).ints(stride).op(0x89); // requires_grad False
    global("collections", "OrderedDict").op(')').op('R');
    return op('t').op('R');
  }

  /** The bytes, ending with {@code STOP}. */
  public byte[] stop() {
    op('.');
    return out.toByteArray();
  }

  private PickleBytes int32(int value) {
    for (int i = 0; i < 4; i++) {
      out.write(value >>> (8 * i));
    }
    return this;
  }
}
