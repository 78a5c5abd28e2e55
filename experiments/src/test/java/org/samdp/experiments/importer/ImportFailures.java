package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** Asserts that an import fails with one line and leaves nothing behind. */
final class ImportFailures {
  private ImportFailures() {}

  /** The error of {@code importing}, after checking that neither {@code out} nor a temporary sibling exists. */
  static IllegalArgumentException refused(Executable importing, Path out) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, importing);
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
    assertFalse(Files.exists(out), out + " was written");
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      List<Path> left = siblings.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName())).toList();
      assertEquals(List.of(), left, "temporary directories left behind");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return error;
  }
}
