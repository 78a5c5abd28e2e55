package org.samdp.agents.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.samdp.agents.io.AtomicFiles;

/**
 * The checkpoints of a run: one directory per saved iteration ({@code iter-000123}), each written to a temporary
 * name and moved into place whole, and a {@code latest} file naming the newest. Older ones beyond a limit are
 * deleted after the newer one is complete. A run that evaluates as it trains ({@link TrainingEvaluation}) also keeps
 * its best checkpoint so far ({@code best-iter-000123}), named by the {@code best} file; it is never deleted by the
 * limit, only replaced by a better one.
 */
public final class Checkpoints {
  /** The pointer file. */
  public static final String LATEST = "latest";
  /** The pointer file of the best checkpoint. */
  public static final String BEST = "best";

  private final Path directory;

  public Checkpoints(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Writes a checkpoint for {@code iteration} and points {@code latest} at it; keeps the newest {@code keep}.
   *
   * @return the checkpoint directory
   */
  public Path save(int iteration, AtomicFiles.DirectoryContent content, int keep) {
    deleteUnfinished();
    Path target = directory.resolve(String.format("iter-%06d", iteration));
    if (Files.exists(target)) {
      AtomicFiles.deleteRecursively(target);
    }
    AtomicFiles.writeDirectory(target, content);
    AtomicFiles.writeString(directory.resolve(LATEST), target.getFileName() + "\n");
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      AtomicFiles.deleteRecursively(all.get(i));
    }
    return target;
  }

  /**
   * Writes the best checkpoint so far, for {@code iteration}, points {@code best} at it and deletes the previous one.
   *
   * @return the checkpoint directory
   */
  public Path saveBest(int iteration, AtomicFiles.DirectoryContent content) {
    deleteUnfinished();
    Optional<Path> previous = best();
    Path target = directory.resolve(String.format("best-iter-%06d", iteration));
    if (Files.exists(target)) {
      AtomicFiles.deleteRecursively(target);
    }
    AtomicFiles.writeDirectory(target, content);
    AtomicFiles.writeString(directory.resolve(BEST), target.getFileName() + "\n");
    previous.filter(p -> !p.equals(target)).ifPresent(AtomicFiles::deleteRecursively);
    return target;
  }

  /**
   * Deletes what a write killed half-way left behind: the hidden temporary directories {@code .iter-...} (for DQN they
   * hold a replay buffer, gigabytes). One trainer writes a run's checkpoints, so none of them is being written now.
   */
  private void deleteUnfinished() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      entries.filter(p -> p.getFileName().toString().startsWith(".iter-")
          || p.getFileName().toString().startsWith(".best-iter-")).forEach(AtomicFiles::deleteRecursively);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint {@code latest} names, if any. */
  public Optional<Path> latest() {
    return pointed(LATEST);
  }

  /** The checkpoint {@code best} names, if any. */
  public Optional<Path> best() {
    return pointed(BEST);
  }

  private Optional<Path> pointed(String name) {
    Path pointer = directory.resolve(name);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    try {
      Path target = directory.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
      return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
    }
  }

  /**
   * The checkpoint a user names: {@code latest}, {@code best} (kept by the evaluation during training) or
   * {@code iter-N}, one of the kept iterations.
   *
   * @throws IllegalArgumentException if the name is none of these or names no checkpoint of this run, saying which
   *     there are
   */
  public Path select(String name) {
    Optional<Path> chosen;
    if (name.equals(LATEST)) {
      chosen = latest();
    } else if (name.equals(BEST)) {
      chosen = best();
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException(directory.getParent() + " has no best checkpoint (runs keep one when they"
            + " evaluate during training, run.evalDuringTraining > 0); choose --checkpoint latest or one of "
            + names());
      }
    } else if (name.matches("iter-\\d{1,9}")) {
      Path iteration = directory.resolve(String.format("iter-%06d", Long.parseLong(name.substring(5))));
      chosen = Files.isDirectory(iteration) ? Optional.of(iteration) : Optional.empty();
    } else {
      throw new IllegalArgumentException("--checkpoint must be best, latest or iter-N (e.g. iter-50), got '" + name
          + "'");
    }
    return chosen.orElseThrow(() -> new IllegalArgumentException(directory.getParent() + " has no checkpoint '"
        + name + "'; it has " + names()));
  }

  /** The names {@link #select} takes for this run's checkpoints. */
  private List<String> names() {
    List<String> names = new ArrayList<>();
    latest().ifPresent(p -> names.add(LATEST));
    best().ifPresent(p -> names.add(BEST));
    list().forEach(p -> names.add("iter-" + Integer.parseInt(p.getFileName().toString().substring(5))));
    return names;
  }

  /** Checkpoint directories, oldest first. */
  public List<Path> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("iter-")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * A checkpoint directory from a path that is either a checkpoint or a run directory (its latest checkpoint).
   *
   * @throws IllegalArgumentException if neither holds a checkpoint
   */
  public static Path resolve(Path path) {
    if (Files.isRegularFile(path.resolve("state.json")) || Files.isRegularFile(path.resolve("policy.json"))) {
      return path;
    }
    Optional<Path> latest = new Checkpoints(path.resolve("checkpoints")).latest();
    return latest.orElseThrow(() -> new IllegalArgumentException(path + " is neither a checkpoint nor a run directory"
        + " with checkpoints"));
  }
}
