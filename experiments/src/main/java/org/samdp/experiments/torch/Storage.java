package org.samdp.experiments.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * One storage of a checkpoint: its key, element type and size. In the zip format its bytes are read when the pickle
 * names it; in the legacy format they follow the pickle, so they are attached afterwards ({@link #attach}).
 */
public final class Storage {
  /** Bytes per element of torch's typed storages. */
  private static final Map<String, Integer> ELEMENT_SIZES = Map.ofEntries(Map.entry("FloatStorage", 4),
      Map.entry("DoubleStorage", 8), Map.entry("HalfStorage", 2), Map.entry("BFloat16Storage", 2),
      Map.entry("LongStorage", 8), Map.entry("IntStorage", 4), Map.entry("ShortStorage", 2),
      Map.entry("CharStorage", 1), Map.entry("ByteStorage", 1), Map.entry("BoolStorage", 1));
  /** The float32 storage, the only one whose values samdp reads. */
  static final String FLOAT = "FloatStorage";

  private final String key;
  private final String type;
  private final long elements;
  private ByteBuffer data;

  Storage(String key, String type, long elements) {
    if (!ELEMENT_SIZES.containsKey(type)) {
      throw new IllegalArgumentException("storage '" + key + "' has the unknown type torch." + type);
    }
    if (elements < 0) {
      throw new IllegalArgumentException("storage '" + key + "' has a negative size " + elements);
    }
    this.key = key;
    this.type = type;
    this.elements = elements;
  }

  /** The key the checkpoint stores it under. */
  public String key() {
    return key;
  }

  /** Torch's storage type, e.g. {@code FloatStorage}. */
  public String type() {
    return type;
  }

  /** Elements it holds. */
  public long elements() {
    return elements;
  }

  /** Bytes it holds. */
  long byteSize() {
    return elements * ELEMENT_SIZES.get(type);
  }

  /**
   * Gives the storage its bytes (little-endian).
   *
   * @throws IllegalArgumentException if there are fewer than it needs: the file is truncated
   */
  void attach(ByteBuffer bytes) {
    if (bytes.remaining() < byteSize()) {
      throw new IllegalArgumentException("storage '" + key + "' is truncated: it needs " + byteSize() + " bytes, the"
          + " file has " + bytes.remaining());
    }
    data = bytes.slice().limit(Math.toIntExact(byteSize())).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Element {@code index} of a float32 storage. */
  float floatAt(long index) {
    if (!type.equals(FLOAT)) {
      throw new IllegalArgumentException("storage '" + key + "' holds torch." + type + "; only float32 tensors"
          + " (torch.FloatStorage) can be imported");
    }
    if (data == null) {
      throw new IllegalStateException("storage '" + key + "' has no data; the checkpoint lists no bytes for it");
    }
    return data.getFloat(Math.toIntExact(index * Float.BYTES));
  }
}
