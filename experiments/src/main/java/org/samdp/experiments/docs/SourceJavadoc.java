package org.samdp.experiments.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The javadoc of configuration records, read from their source files in the repository (every module's
 * {@code src/main/java} and {@code src/test/java}), each file parsed once.
 */
public final class SourceJavadoc {
  private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/test/java");

  private final Path root;
  private final Map<Path, RecordJavadoc> parsed = new HashMap<>();

  /**
   * @param root the repository root, whose module folders hold the sources
   */
  public SourceJavadoc(Path root) {
    this.root = root;
  }

  /** The javadoc of {@code record}. */
  public RecordJavadoc.Doc of(Class<?> record) {
    return parsed.computeIfAbsent(source(record), SourceJavadoc::read).of(record.getSimpleName());
  }

  /** The description of each of {@code type}'s constants, by name (empty ones for constants without javadoc). */
  public Map<String, String> constants(Class<? extends Enum<?>> type) {
    return parsed.computeIfAbsent(source(type), SourceJavadoc::read).enums().getOrDefault(type.getSimpleName(),
        Map.of());
  }

  /** The {@code @param} text of {@code component} in {@code record}'s javadoc; empty if there is none. */
  public String param(Class<?> record, String component) {
    return of(record).params().getOrDefault(component, "");
  }

  /** The source file of the top-level class that declares {@code type}. */
  private Path source(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    String relative = top.getName().replace('.', '/') + ".java";
    try (Stream<Path> modules = Files.list(root)) {
      return modules.filter(Files::isDirectory)
          .flatMap(module -> SOURCE_ROOTS.stream().map(sources -> module.resolve(sources).resolve(relative)))
          .filter(Files::isRegularFile).findFirst()
          .orElseThrow(() -> new IllegalStateException("no source file " + relative + " in a module of " + root
              + "; run from the repository (samdp.root)"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the modules of " + root + ": " + e.getMessage(), e);
    }
  }

  private static RecordJavadoc read(Path file) {
    try {
      return RecordJavadoc.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
