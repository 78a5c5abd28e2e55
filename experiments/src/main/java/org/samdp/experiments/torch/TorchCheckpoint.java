package org.samdp.experiments.torch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a file written by {@code torch.save}, in either of its formats, into Java values (see {@link Unpickler}) with
 * {@link Tensor}s over its storages.
 *
 * <ul>
 *   <li>Zip (torch 1.6 on): {@code <name>/data.pkl} is the object, each storage {@code <name>/data/<key>}.</li>
 *   <li>Legacy: a sequence of pickles (magic number, protocol version, system info, the object, the list of storage
 *       keys), then each storage's element count (int64) and raw bytes, in the order of that list.</li>
 * </ul>
 *
 * @param format which of the two
 * @param root the saved object
 */
public record TorchCheckpoint(Format format, Object root) {
  /** The two formats of {@code torch.save}. */
  public enum Format {
    /** The zip archive of torch 1.6 and later. */
    ZIP,
    /** The sequence of pickles of earlier versions ({@code _use_new_zipfile_serialization=False}). */
    LEGACY
  }

  /** The first pickle of the legacy format. */
  private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  /** The second. */
  private static final long LEGACY_PROTOCOL = 1001;

  /**
   * Reads a checkpoint.
   *
   * @throws IllegalArgumentException naming the file, for one that is missing, not a PyTorch checkpoint, truncated
   *     or malformed
   */
  public static TorchCheckpoint read(Path file) {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, head.length);
      if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        return new TorchCheckpoint(Format.ZIP, readZip(file));
      }
      if (n >= 3 && (head[0] & 0xff) == 0x80 && (head[2] & 0xff) == 0x8a) {
        return new TorchCheckpoint(Format.LEGACY, readLegacy(file, ByteBuffer.wrap(Files.readAllBytes(file))));
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no file " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(file + " is not a PyTorch checkpoint (neither torch.save's zip format nor its"
        + " legacy format)");
  }

  private static Object readZip(Path file) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException("the zip archive is damaged or truncated (" + e.getMessage() + ")", e);
    }
    try (zip) {
      String prefix = zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith("/data.pkl")
          && name.indexOf('/') == name.length() - "/data.pkl".length()).findFirst()
          .map(name -> name.substring(0, name.length() - "data.pkl".length()))
          .orElseThrow(() -> new IllegalArgumentException("a zip archive without <name>/data.pkl is not a PyTorch"
              + " checkpoint"));
      ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
      if (byteOrder != null && !new String(entry(zip, byteOrder), StandardCharsets.US_ASCII).trim().equals("little")) {
        throw new IllegalArgumentException("the checkpoint was saved big-endian; only little-endian ones are read");
      }
      Map<String, Storage> storages = new HashMap<>();
      Unpickler unpickler = new Unpickler(ByteBuffer.wrap(entry(zip, zip.getEntry(prefix + "data.pkl"))),
          pid -> storages.computeIfAbsent(storageId(pid, 5).key(), key -> {
            Storage storage = storageId(pid, 5);
            ZipEntry data = zip.getEntry(prefix + "data/" + key);
            if (data == null) {
              throw new IllegalArgumentException("storage '" + key + "' is missing (no " + prefix + "data/" + key
                  + ")");
            }
            storage.attach(ByteBuffer.wrap(entry(zip, data)));
            return storage;
          }));
      return unpickler.load();
    }
  }

  private static byte[] entry(ZipFile zip, ZipEntry entry) {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + entry.getName() + " from the archive (" + e.getMessage()
          + "); the file is damaged or truncated", e);
    }
  }

  private static Object readLegacy(Path file, ByteBuffer bytes) {
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    Object magic = new Unpickler(bytes, null).load();
    if (!(magic instanceof BigInteger number && number.equals(LEGACY_MAGIC))) {
      throw new IllegalArgumentException("not a PyTorch checkpoint (its first pickle is not torch's magic number)");
    }
    Object protocol = new Unpickler(bytes, null).load();
    if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
      throw new IllegalArgumentException("torch legacy protocol " + protocol + " is not supported (expected "
          + LEGACY_PROTOCOL + ")");
    }
    Object systemInfo = new Unpickler(bytes, null).load();
    if (systemInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
      throw new IllegalArgumentException("the checkpoint was saved big-endian; only little-endian ones are read");
    }
    Map<String, Storage> storages = new HashMap<>();
    Object root = new Unpickler(bytes, pid -> storages.computeIfAbsent(storageId(pid, 6).key(),
        key -> storageId(pid, 6))).load();
    Object keys = new Unpickler(bytes, null).load();
    if (!(keys instanceof List<?> list)) {
      throw new IllegalArgumentException("the list of storage keys is missing");
    }
    for (Object key : list) {
      Storage storage = storages.get(String.valueOf(key));
      if (storage == null) {
        throw new IllegalArgumentException("storage '" + key + "' is listed but no tensor uses it");
      }
      if (bytes.remaining() < Long.BYTES) {
        throw new IllegalArgumentException("storage '" + key + "' is truncated: the file ends before its size");
      }
      long count = bytes.getLong();
      if (count != storage.elements()) {
        throw new IllegalArgumentException("storage '" + key + "' holds " + count + " elements, its tensors expect "
            + storage.elements());
      }
      storage.attach(bytes);
      bytes.position(bytes.position() + Math.toIntExact(storage.byteSize()));
    }
    return root;
  }

  /**
   * A storage from its persistent id: {@code ('storage', torch.FloatStorage, key, location, size)}, and in the legacy
   * format a sixth entry for views of other storages (torch before 0.4), which samdp does not read.
   */
  private static Storage storageId(Object pid, int entries) {
    if (!(pid instanceof List<?> id) || id.size() != entries || !"storage".equals(id.get(0))) {
      throw new IllegalArgumentException("a persistent id is not a torch storage: " + pid);
    }
    if (entries == 6 && id.get(5) != null) {
      throw new IllegalArgumentException("storage '" + id.get(2) + "' is a view of another storage (torch < 0.4),"
          + " which is not supported");
    }
    if (!(id.get(1) instanceof PyGlobal type && type.module().equals("torch"))) {
      throw new IllegalArgumentException("storage '" + id.get(2) + "' has no torch storage type: " + id.get(1));
    }
    return new Storage(String.valueOf(id.get(2)), type.name(), ((Number) id.get(4)).longValue());
  }
}
