package org.samdp.agents.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named float32 arrays in one binary file: a magic line, the count, then per array its name, shape and values
 * (big-endian). Exact: the bits written are the bits read back.
 */
public final class TensorFile {
  private static final String MAGIC = "samdp-tensors-1";

  /**
   * A saved array.
   *
   * @param shape its shape
   * @param values its values, row-major
   */
  public record Entry(long[] shape, float[] values) {

    /** Copies an array's shape and values (converted to float32). */
    public static Entry of(NDArray array) {
      return new Entry(array.getShape().getShape(), array.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /**
     * Copies the values into {@code target}'s storage, which must have the saved shape. In place, so views of the
     * target (such as the detached parameters of {@code Policy.detached()}) see the values too; DJL's
     * {@code set(float[])} would give the target new storage instead.
     *
     * @throws IllegalArgumentException naming {@code what} on a shape mismatch
     */
    public void copyInto(NDArray target, String what) {
      if (!target.getShape().equals(new Shape(shape))) {
        throw new IllegalArgumentException(what + " was saved with shape " + new Shape(shape) + " but the model has "
            + target.getShape());
      }
      try (NDArray source = target.getManager().create(values, target.getShape())) {
        target.set(new NDIndex("..."), source.toType(target.getDataType(), false));
      }
    }
  }

  private TensorFile() {}

  /** Writes arrays under their names, atomically. */
  public static void write(Path file, Map<String, Entry> entries) {
    AtomicFiles.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
      out.writeUTF(MAGIC);
      out.writeInt(entries.size());
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().shape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        float[] values = e.getValue().values();
        out.writeInt(values.length);
        for (float v : values) {
          out.writeFloat(v);
        }
      }
      out.flush();
    });
  }

  /** Named entries of a list of arrays: {@code prefix/0}, {@code prefix/1}, ... */
  public static Map<String, Entry> named(String prefix, List<NDArray> arrays) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < arrays.size(); i++) {
      entries.put(prefix + "/" + i, Entry.of(arrays.get(i)));
    }
    return entries;
  }

  /**
   * Copies the entries {@code prefix/0, prefix/1, ...} into {@code targets}.
   *
   * @throws IllegalArgumentException if an entry is missing, left over, or has another shape
   */
  public static void copyInto(Map<String, Entry> entries, String prefix, List<NDArray> targets) {
    for (int i = 0; i < targets.size(); i++) {
      Entry entry = entries.get(prefix + "/" + i);
      if (entry == null) {
        throw new IllegalArgumentException("saved arrays have no '" + prefix + "/" + i + "'; the model has "
            + targets.size() + " arrays under '" + prefix + "'");
      }
      entry.copyInto(targets.get(i), "'" + prefix + "/" + i + "'");
    }
    if (entries.containsKey(prefix + "/" + targets.size())) {
      throw new IllegalArgumentException("saved arrays have more than the model's " + targets.size() + " arrays under '"
          + prefix + "'");
    }
  }

  /** Reads every array of a file written by {@link #write}. */
  public static Map<String, Entry> read(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IllegalArgumentException(file + " is not a samdp tensor file");
      }
      int count = in.readInt();
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
        }
        float[] values = new float[in.readInt()];
        if (values.length != Arrays.stream(shape).reduce(1, (a, b) -> a * b)) {
          throw new IllegalArgumentException(file + ": array '" + name + "' has " + values.length
              + " values for shape " + Arrays.toString(shape));
        }
        for (int v = 0; v < values.length; v++) {
          values[v] = in.readFloat();
        }
        entries.put(name, new Entry(shape, values));
      }
      return entries;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " is missing; the checkpoint is incomplete (resume from an earlier"
          + " one)", e);
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + " ends early; the file is truncated (resume from an earlier"
          + " checkpoint)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
