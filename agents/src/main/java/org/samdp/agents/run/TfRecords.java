package org.samdp.agents.run;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's record framing, as TensorBoard reads it: each record is its length (uint64, little-endian), the masked
 * CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
 */
final class TfRecords {
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecords() {}

  /** One record around {@code data}. */
  static byte[] frame(byte[] data) {
    ByteBuffer record = ByteBuffer.allocate(data.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    record.putLong(data.length);
    record.putInt(maskedCrc(record.array(), 0, 8));
    record.put(data);
    record.putInt(maskedCrc(data, 0, data.length));
    return record.array();
  }

  /**
   * The data of every whole record in {@code file}, in order; a torn last record (a write cut short) is left out.
   *
   * @throws IllegalArgumentException if a checksum does not match (the file is not a record file or is damaged)
   */
  static List<byte[]> read(byte[] file, String name) {
    List<byte[]> records = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    while (in.remaining() >= 12) {
      int start = in.position();
      long length = in.getLong();
      if (in.getInt() != maskedCrc(file, start, 8)) {
        throw new IllegalArgumentException(name + ": record at byte " + start + " has a wrong length checksum");
      }
      if (length > in.remaining() - 4) {
        break;
      }
      byte[] data = new byte[(int) length];
      in.get(data);
      if (in.getInt() != maskedCrc(data, 0, data.length)) {
        throw new IllegalArgumentException(name + ": record at byte " + start + " has a wrong data checksum");
      }
      records.add(data);
    }
    return records;
  }

  /** The records framed one after another. */
  static byte[] join(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(data -> out.writeBytes(frame(data)));
    return out.toByteArray();
  }

  /** CRC-32C rotated and offset, so that a CRC of data that holds CRCs stays strong (TensorFlow's masking). */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
