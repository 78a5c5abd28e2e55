package org.samdp.experiments.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;

/**
 * A sweep's directory: a copy of its sweep file ({@code sweep.yaml}, which ties the directory to that file), the plan
 * the driver runs ({@code plan.json}), one run directory per agent ({@code runs/}) and one directory per job with its
 * attempts ({@code jobs/ID/}). A job is finished when its {@code done.json} exists; it names the attempt whose
 * results count. Nothing in it is ever read, merged and written back: every file is written once.
 *
 * @param root the directory
 */
public record SweepDirectory(Path root) {
  /** The copy of the sweep file. */
  public static final String SWEEP_FILE = "sweep.yaml";
  /** The plan the driver runs. */
  public static final String PLAN = "plan.json";

  /** What a finished job's {@code done.json} says. */
  public record Done(int attempt, double seconds, String results) {}

  /** Whether {@code directory} is a sweep directory (holds a sweep file's copy and a plan). */
  public static boolean isSweep(Path directory) {
    return Files.isRegularFile(directory.resolve(SWEEP_FILE)) && Files.isRegularFile(directory.resolve(PLAN));
  }

  /**
   * The sweep directory of {@code sweepFile}'s text: created with a copy of it, or one that already holds the same
   * text (a sweep started again).
   *
   * @throws IllegalArgumentException if the directory holds another sweep or other files
   */
  public static SweepDirectory claim(Path root, Path sweepFile, String text) {
    Path copy = root.resolve(SWEEP_FILE);
    try {
      if (Files.isRegularFile(copy)) {
        if (!Files.readString(copy).equals(text)) {
          throw new IllegalArgumentException(root + " holds the sweep of another file (its " + SWEEP_FILE + " differs"
              + " from " + sweepFile + "); give this sweep another out: directory, or delete " + root
              + " to start that one over");
        }
        return new SweepDirectory(root);
      }
      if (Files.isDirectory(root)) {
        try (Stream<Path> entries = Files.list(root)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(root + " exists and is not a sweep directory; give the sweep another"
                + " out: directory");
          }
        }
      }
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + root + " as the sweep directory: " + e.getMessage(), e);
    }
    AtomicFiles.writeString(copy, text);
    return new SweepDirectory(root);
  }

  /** The sweep directory held by one {@code samdp sweep} (released when closed). */
  public interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Holds the directory for this process: two sweeps of one directory would run its jobs twice.
   *
   * @throws IllegalStateException if another process holds it
   */
  public Lock lock() {
    try {
      FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock held = channel.tryLock();
      if (held == null) {
        channel.close();
        throw new IllegalStateException("another samdp sweep is running on " + root + "; wait for it to end or stop"
            + " it first");
      }
      return () -> {
        try {
          held.release();
          channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot release " + root.resolve(".lock") + ": " + e.getMessage(), e);
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + root + ": " + e.getMessage(), e);
    }
  }

  /** Writes the plan the driver runs. */
  public void writePlan(SweepPlan plan) {
    Json.write(root.resolve(PLAN), plan);
  }

  /** The plan written last. */
  public SweepPlan plan() {
    return Json.read(root.resolve(PLAN), SweepPlan.class);
  }

  /** A job's directory. */
  public Path job(String id) {
    return root.resolve("jobs").resolve(id);
  }

  /** What the job's {@code done.json} says, or null if the job has not finished. */
  public Done done(String id) {
    Path file = job(id).resolve("done.json");
    return Files.isRegularFile(file) ? Json.read(file, Done.class) : null;
  }

  /** The jobs of {@code jobs} that have not finished. */
  public List<SweepJob> unfinished(List<SweepJob> jobs) {
    return jobs.stream().filter(job -> done(job.id()) == null).toList();
  }

  /** The results file of a finished evaluation job, or null if it has not finished. */
  public Path results(SweepJob job) {
    Done done = done(job.id());
    return done == null || done.results() == null ? null : root.resolve(done.results());
  }

  /** An agent's run directory. */
  public Path run(SweepJob job) {
    return root.resolve(job.run());
  }
}
