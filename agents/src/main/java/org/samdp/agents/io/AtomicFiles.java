package org.samdp.agents.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files and directories that appear complete or not at all: everything is written under a temporary name in the
 * same directory and then moved into place, so a crash never leaves a half-written file where a reader looks.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What fills a directory. */
  @FunctionalInterface
  public interface DirectoryContent {
    void writeInto(Path directory) throws IOException;
  }

  /** Writes {@code file} through a temporary sibling, replacing any previous version. */
  public static void write(Path file, Content content) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(temp)) {
          content.writeTo(out);
        }
        move(temp, file);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public static void writeString(Path file, String text) {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Fills a temporary sibling directory and then moves it to {@code directory}, which must not exist yet.
   *
   * @throws IllegalStateException if {@code directory} already exists
   */
  public static void writeDirectory(Path directory, DirectoryContent content) {
    Path parent = directory.toAbsolutePath().getParent();
    if (Files.exists(directory)) {
      throw new IllegalStateException(directory + " already exists; refusing to overwrite it");
    }
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempDirectory(parent, "." + directory.getFileName() + ".");
      content.writeInto(temp);
      Files.move(temp, directory, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        deleteRecursively(temp);
      }
    }
  }

  /** Deletes a file or directory tree if it exists. */
  public static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
