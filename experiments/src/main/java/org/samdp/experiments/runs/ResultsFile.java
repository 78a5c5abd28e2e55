package org.samdp.experiments.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.samdp.agents.io.Json;

/**
 * A JSON results file in a run directory whose evaluations accumulate over commands: {@code attacks.json} and
 * {@code certificates.json}. Each command merges its fresh results into what the file holds and writes it atomically,
 * so an interrupted command leaves the file as it was. Results of another setting (another checkpoint, episode count,
 * seed or bound methods) are never merged nor dropped: the file that held them is kept beside, as
 * {@code attacks.1.json}, {@code attacks.2.json}, ...
 *
 * @param <R> the results the file holds
 */
public final class ResultsFile<R> {
  private final String name;
  private final Class<R> type;
  private final BiPredicate<R, R> sameSetting;
  private final BinaryOperator<R> merge;

  /**
   * @param name the file name in a run directory, ending in {@code .json}
   * @param sameSetting whether held and fresh results come from the same setting and so can be merged
   * @param merge the held results with fresh ones of the same setting merged in
   */
  ResultsFile(String name, Class<R> type, BiPredicate<R, R> sameSetting, BinaryOperator<R> merge) {
    this.name = name;
    this.type = type;
    this.sameSetting = sameSetting;
    this.merge = merge;
  }

  /**
   * Where {@link #add} put the results.
   *
   * @param file the results file
   * @param kept where the earlier results of another setting were moved, or null
   */
  public record Added(Path file, Path kept) {}

  /** The file in {@code runDirectory}. */
  public Path in(Path runDirectory) {
    return runDirectory.resolve(name);
  }

  /** Reads a run's file, if it has one (null otherwise). */
  public R read(Path runDirectory) {
    Path file = in(runDirectory);
    return Files.isRegularFile(file) ? Json.read(file, type) : null;
  }

  /** Reads results written elsewhere than in a run directory (an evaluation's own file, e.g. a sweep job's). */
  public R readFile(Path file) {
    return Json.read(file, type);
  }

  /**
   * Results of several evaluations of one run merged, in order, as {@link #add} would have merged them one by one.
   *
   * @return null for no results
   * @throws IllegalArgumentException if two of them evaluate different settings (checkpoint, episodes, seed)
   */
  public R combine(List<R> results) {
    R combined = null;
    for (R fresh : results) {
      if (combined != null && !sameSetting.test(combined, fresh)) {
        throw new IllegalArgumentException("cannot merge " + name + " results of different settings (checkpoint,"
            + " episodes or seed); evaluate the run again with the same --episodes and --seed");
      }
      combined = combined == null ? fresh : merge.apply(combined, fresh);
    }
    return combined;
  }

  /**
   * The newest results of a run that {@code accept} takes: the file's own, else those kept aside, newest first; null
   * if none.
   */
  public R newest(Path runDirectory, Predicate<R> accept) {
    String stem = name.substring(0, name.length() - ".json".length());
    List<Path> files = new ArrayList<>();
    for (int n = 1; Files.exists(runDirectory.resolve(stem + "." + n + ".json")); n++) {
      files.add(0, runDirectory.resolve(stem + "." + n + ".json"));
    }
    files.add(0, in(runDirectory));
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        R results = Json.read(file, type);
        if (accept.test(results)) {
          return results;
        }
      }
    }
    return null;
  }

  /** Writes {@code results} atomically into the run directory, replacing what the file held. */
  public void write(Path runDirectory, R results) {
    Json.write(in(runDirectory), results);
  }

  /**
   * Merges {@code fresh} into what the run's file holds, if anything, and writes it atomically; results of another
   * setting are first moved aside to the first free {@code NAME.n.json}.
   */
  public Added add(Path runDirectory, R fresh) {
    R held = read(runDirectory);
    Path kept = null;
    if (held != null && !sameSetting.test(held, fresh)) {
      kept = keepAside(runDirectory);
      held = null;
    }
    write(runDirectory, held == null ? fresh : merge.apply(held, fresh));
    return new Added(in(runDirectory), kept);
  }

  private Path keepAside(Path runDirectory) {
    String stem = name.substring(0, name.length() - ".json".length());
    for (int n = 1; ; n++) {
      Path candidate = runDirectory.resolve(stem + "." + n + ".json");
      if (!Files.exists(candidate)) {
        try {
          // A rename in the same directory: the results are in one of the two names at any moment.
          return Files.move(in(runDirectory), candidate, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot keep " + in(runDirectory) + " as " + candidate + ": "
              + e.getMessage(), e);
        }
      }
    }
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
