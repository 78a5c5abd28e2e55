package org.samdp.experiments.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleFunction;
import org.samdp.agents.io.Json;

/**
 * A JSON results file in a run directory whose evaluations accumulate over commands: {@code attacks.json} and
 * {@code certificates.json}. Each command merges its fresh results into what the file holds and writes it atomically,
 * so an interrupted command leaves the file as it was.
 *
 * @param <R> the results the file holds
 */
public final class ResultsFile<R> {
  private final String name;
  private final Class<R> type;
  private final BinaryOperator<R> merge;

  /**
   * @param name the file name in a run directory
   * @param merge the held results with fresh ones merged in
   */
  ResultsFile(String name, Class<R> type, BinaryOperator<R> merge) {
    this.name = name;
    this.type = type;
    this.merge = merge;
  }

  /** The file in {@code runDirectory}. */
  public Path in(Path runDirectory) {
    return runDirectory.resolve(name);
  }

  /** Reads a run's file, if it has one (null otherwise). */
  public R read(Path runDirectory) {
    Path file = in(runDirectory);
    return Files.isRegularFile(file) ? Json.read(file, type) : null;
  }

  /** Writes {@code results} atomically into the run directory, replacing what the file held. */
  public void write(Path runDirectory, R results) {
    Json.write(in(runDirectory), results);
  }

  /**
   * Merges {@code fresh} into what the run's file holds, if anything, and writes it atomically.
   *
   * @return the file
   */
  public Path add(Path runDirectory, R fresh) {
    R held = read(runDirectory);
    write(runDirectory, held == null ? fresh : merge.apply(held, fresh));
    return in(runDirectory);
  }

  /**
   * Evaluations at several ε merged, in increasing ε: one at an ε that only one side has is taken as it is, and one at
   * an ε that both have is {@code update(held, fresh)}.
   */
  static <E> List<E> mergeByEps(List<E> held, List<E> fresh, ToDoubleFunction<E> eps, BinaryOperator<E> update) {
    Map<Double, E> byEps = new LinkedHashMap<>();
    held.forEach(e -> byEps.put(eps.applyAsDouble(e), e));
    fresh.forEach(e -> byEps.merge(eps.applyAsDouble(e), e, update));
    List<E> merged = new ArrayList<>(byEps.values());
    merged.sort(Comparator.comparingDouble(eps));
    return merged;
  }
}
