package org.samdp.agents.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Files and directories that appear complete or not at all: everything is written under a temporary name in the
 * same directory and then moved into place, so a crash never leaves a half-written file where a reader looks.
 */
public final class AtomicFiles {
  private static final SplittableRandom UNIQUE = new SplittableRandom();

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

  /**
   * Writes {@code file} through a temporary sibling, flushed to the disk before it is moved into place, replacing any
   * previous version. The file gets the permissions the process's umask gives new files.
   */
  public static void write(Path file, Content content) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path temp = createUnique(parent, "." + file.getFileName() + ".", ".tmp", false);
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            OutputStream out = Channels.newOutputStream(channel)) {
          content.writeTo(out);
          out.flush();
          channel.force(true);
        }
        move(temp, file);
        syncDirectory(parent);
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
      temp = createUnique(parent, "." + directory.getFileName() + ".", "", true);
      content.writeInto(temp);
      Files.move(temp, directory, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(parent);
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

  /**
   * A new empty file or directory {@code prefix + n + suffix} in {@code parent}, created with the umask's permissions
   * (unlike {@link Files#createTempFile}, which makes it private to the owner).
   */
  private static Path createUnique(Path parent, String prefix, String suffix, boolean directory) throws IOException {
    while (true) {
      Path candidate = parent.resolve(prefix + Long.toHexString(UNIQUE.nextLong() >>> 1) + suffix);
      try {
        return directory ? Files.createDirectory(candidate) : Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // another name
      }
    }
  }

  /** Flushes a directory's entries (a rename into it) to the disk, where the file system allows it. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for reading; the rename is still atomic there.
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
