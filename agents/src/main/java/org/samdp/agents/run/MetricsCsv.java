package org.samdp.agents.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CSV, one row per iteration, with a fixed list of namespaced columns (e.g. {@code global_step},
 * {@code charts/episodic_return}, {@code losses/approx_kl}). A missing value is written empty; values print in full
 * precision so a resumed run can be compared with an uninterrupted one.
 */
public final class MetricsCsv {
  private final Path file;
  private final List<String> columns;

  /**
   * Opens (creating with a header, or checking the header of) a metrics file.
   *
   * @throws IllegalStateException if the file exists with other columns
   */
  public MetricsCsv(Path file, List<String> columns) {
    this.file = file;
    this.columns = List.copyOf(columns);
    try {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", columns))) {
          throw new IllegalStateException(file + " has other columns than this run writes; it belongs to another"
              + " kind of run");
        }
      } else {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join(",", columns) + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public List<String> columns() {
    return columns;
  }

  /**
   * Appends one row.
   *
   * @throws IllegalArgumentException if the row names a column this file does not have
   */
  public void append(Map<String, Double> row) {
    for (String key : row.keySet()) {
      if (!columns.contains(key)) {
        throw new IllegalArgumentException("metric '" + key + "' is not a column of " + file + " " + columns);
      }
    }
    List<String> cells = new ArrayList<>();
    for (String column : columns) {
      Double value = row.get(column);
      cells.add(value == null || value.isNaN() ? "" : format(value));
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      out.write(String.join(",", cells));
      out.write("\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the header and the first {@code rows} rows (what a checkpoint had written), rewriting the file atomically;
   * used when a run resumes from a checkpoint older than the last rows.
   */
  public void truncate(int rows) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() - 1 < rows) {
        throw new IllegalStateException(file + " has " + (lines.size() - 1) + " rows but the checkpoint expects "
            + rows);
      }
      org.samdp.agents.io.AtomicFiles.writeString(file, String.join("\n", lines.subList(0, rows + 1)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads every row as text cells, header excluded. */
  public static List<String[]> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
