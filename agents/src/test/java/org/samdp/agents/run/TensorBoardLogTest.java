package org.samdp.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event files' framing and resumption, read back in Java (TensorBoardReadBackTest reads them with TensorBoard). */
class TensorBoardLogTest {
  @TempDir
  Path dir;

  @Test
  void checksumsAreTensorFlowsMaskedCrc32c() {
    // CRC-32C of "123456789" is 0xE3069283 (RFC 3720's check value); masked: rotated right by 15, plus 0xa282ead8.
    int crc = 0xE3069283;
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertEquals(masked, TfRecords.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
  }

  @Test
  void aLogStartsWithItsFileVersionAndHoldsOneEventPerStep() throws Exception {
    TensorBoardLog log = TensorBoardLog.open(dir, 0);
    assertTrue(log.file().getFileName().toString().startsWith("events.out.tfevents."), log.file().toString());
    log.scalars(100, values(1.5, Double.NaN));
    log.scalars(200, values(2.5, 3.0));
    List<byte[]> events = TfRecords.read(Files.readAllBytes(log.file()), "log");
    assertEquals(3, events.size());
    assertTrue(new String(events.get(0), StandardCharsets.ISO_8859_1).contains("brain.Event:2"));
    assertEquals(List.of(0L, 100L, 200L), events.stream().map(EventProto::step).toList());
    assertTrue(events.get(1).length < events.get(2).length, "a NaN (not measured) is left out of its event");
  }

  @Test
  void aResumedRunDropsTheStepsAfterItsCheckpointAndWritesANewFile() throws Exception {
    TensorBoardLog first = TensorBoardLog.open(dir, 0);
    for (long step = 10; step <= 40; step += 10) {
      first.scalars(step, values(step, step));
    }
    // A crash in the middle of a write leaves a torn record at the end.
    byte[] torn = TfRecords.frame(EventProto.scalars(0, 50, values(5, 5)));
    Files.write(first.file(), Arrays.copyOf(torn, torn.length - 3), java.nio.file.StandardOpenOption.APPEND);

    TensorBoardLog resumed = TensorBoardLog.open(dir, 20);
    assertNotEquals(first.file(), resumed.file());
    assertEquals(List.of(first.file(), resumed.file()), TensorBoardLog.files(dir));
    assertEquals(List.of(0L, 10L, 20L), steps(first.file()));
    resumed.scalars(30, values(3, 3));
    assertEquals(List.of(0L, 30L), steps(resumed.file()));
  }

  @Test
  void aDamagedFileIsRefusedNotRewritten() throws Exception {
    TensorBoardLog log = TensorBoardLog.open(dir, 0);
    log.scalars(10, values(1, 1));
    byte[] bytes = Files.readAllBytes(log.file());
    bytes[bytes.length - 6] ^= 1;
    Files.write(log.file(), bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorBoardLog.open(dir, 0));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  private static List<Long> steps(Path file) throws Exception {
    return TfRecords.read(Files.readAllBytes(file), file.toString()).stream().map(EventProto::step).toList();
  }

  private static Map<String, Double> values(double a, double b) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("charts/episodic_return", a);
    values.put("losses/approx_kl", b);
    return values;
  }
}
