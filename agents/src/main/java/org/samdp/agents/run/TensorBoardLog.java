package org.samdp.agents.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.samdp.agents.io.AtomicFiles;

/**
 * Scalars in TensorBoard's event files ({@code events.out.tfevents.<time>.<host>}), beside a run's
 * {@code metrics.csv} under the same names, so that {@code tensorboard --logdir runs} shows every run. Each process
 * that writes to a directory opens a new file (as TensorFlow's writers do); every event is appended and the file
 * closed at once, so a live TensorBoard sees each iteration as it ends.
 */
public final class TensorBoardLog {
  /** The start of every event file's name. */
  public static final String PREFIX = "events.out.tfevents.";
  private static final String FILE_VERSION = "brain.Event:2";

  private final Path file;

  private TensorBoardLog(Path file) {
    this.file = file;
  }

  /**
   * Opens a new event file in {@code directory}. Events after {@code keepThroughStep} in the directory's older files
   * are dropped first (each file rewritten atomically), so a run resumed from a checkpoint at that step repeats no step.
   *
   * @param keepThroughStep the global step of the checkpoint a resumed run continues from (0 for a new run)
   */
  public static TensorBoardLog open(Path directory, long keepThroughStep) {
    try {
      Files.createDirectories(directory);
      for (Path older : files(directory)) {
        dropAfter(older, keepThroughStep);
      }
      double now = System.currentTimeMillis() / 1000.0;
      String name = PREFIX + (long) now + "." + hostName();
      Path file = directory.resolve(name);
      for (int i = 1; Files.exists(file); i++) {
        file = directory.resolve(name + "." + i);
      }
      Files.write(file, TfRecords.frame(EventProto.fileVersion(now, FILE_VERSION)), StandardOpenOption.CREATE_NEW);
      return new TensorBoardLog(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a TensorBoard log in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The event files in {@code directory}, oldest first (by name: their names start with the time). */
  public static List<Path> files(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p)).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one event with the scalars of {@code values} at {@code step}; NaN values (not measured) are left out. */
  public void scalars(long step, Map<String, Double> values) {
    Map<String, Double> measured = new LinkedHashMap<>();
    values.forEach((tag, value) -> {
      if (value != null && !value.isNaN()) {
        measured.put(tag, value);
      }
    });
    byte[] event = EventProto.scalars(System.currentTimeMillis() / 1000.0, step, measured);
    try {
      Files.write(file, TfRecords.frame(event), StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  private static void dropAfter(Path file, long keepThroughStep) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] kept = TfRecords.join(TfRecords.read(bytes, file.toString()).stream()
        .filter(event -> EventProto.step(event) <= keepThroughStep).toList());
    // Also rewritten when only a torn last record (a write cut short) goes.
    if (kept.length < bytes.length) {
      AtomicFiles.write(file, out -> out.write(kept));
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (IOException e) {
      return "localhost";
    }
  }
}
