package org.samdp.agents.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories written atomically get the umask's permissions and leave no temporary behind. */
class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void writtenFilesAndDirectoriesGetThePermissionsNewFilesGetHere() throws IOException {
    Path plainFile = Files.createFile(dir.resolve("plain"));
    Path plainDirectory = Files.createDirectory(dir.resolve("plain-dir"));
    Path file = dir.resolve("results.json");
    AtomicFiles.writeString(file, "{}\n");
    AtomicFiles.writeString(file, "{\"again\": true}\n");
    Path directory = dir.resolve("iter-000001");
    AtomicFiles.writeDirectory(directory, into -> Files.writeString(into.resolve("a"), "x"));
    assertEquals("{\"again\": true}\n", Files.readString(file));
    assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(file));
    assertEquals(Files.getPosixFilePermissions(plainDirectory), Files.getPosixFilePermissions(directory));
    try (Stream<Path> entries = Files.list(dir)) {
      assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".")), "a temporary was left behind");
    }
  }
}
