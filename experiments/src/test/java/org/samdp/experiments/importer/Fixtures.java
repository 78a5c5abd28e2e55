package org.samdp.experiments.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The authors' checkpoint layouts in {@code shared/reference/checkpoints}: fixtures, expected numbers, a release. */
public final class Fixtures {
  private Fixtures() {}

  /** The folder of fixtures. */
  public static Path folder() {
    String shared = System.getProperty("samdp.shared");
    Path base = shared != null ? Path.of(shared) : Path.of(System.getProperty("samdp.root", ".."), "..", "shared");
    Path folder = base.resolve("reference").resolve("checkpoints");
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("checkpoint fixtures not found at " + folder.toAbsolutePath()
          + " (set -Dsamdp.shared)");
    }
    return folder;
  }

  /** A fixture file, e.g. {@code sappo-mlp.model}. */
  public static Path file(String name) {
    return folder().resolve(name);
  }

  /** The expected numbers of one fixture. */
  public static JsonNode expected(String name) {
    try {
      return new ObjectMapper().readTree(file("expected.json").toFile()).get(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A row-major matrix of the expected numbers. */
  public static double[][] matrix(JsonNode node) {
    double[][] rows = new double[node.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = vector(node.get(i));
    }
    return rows;
  }

  /** A vector of the expected numbers. */
  public static double[] vector(JsonNode node) {
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asDouble();
    }
    return values;
  }

  /**
   * Asserts {@code actual} equals {@code expected} to {@code relative} tolerance (relative to the larger of |expected|
   * and 1e-3, so that values near 0 are not held to an impossible float32 precision).
   */
  public static void assertClose(double expected, double actual, double relative, String what) {
    assertClose(expected, actual, relative, 1e-3, what);
  }

  /** As {@link #assertClose(double, double, double, String)}, with {@code floor} in place of 1e-3. */
  public static void assertClose(double expected, double actual, double relative, double floor, String what) {
    double scale = Math.max(Math.abs(expected), floor);
    if (!(Math.abs(actual - expected) <= relative * scale)) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (relative error "
          + Math.abs(actual - expected) / scale + ")");
    }
  }
}
