package org.samdp.agents.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;

/**
 * The directory a training run writes: {@code config.yaml} (the resolved configuration), {@code provenance.json},
 * {@code metrics.csv}, the same metrics as TensorBoard event files ({@code events.out.tfevents.*}),
 * {@code evaluations.csv} (the evaluations during training) and {@code checkpoints/}.
 */
public final class RunDirectory {
  /** The resolved configuration. */
  public static final String CONFIG = "config.yaml";
  /** Code and library versions, seed, command. */
  public static final String PROVENANCE = "provenance.json";
  /** One row per iteration. */
  public static final String METRICS = "metrics.csv";

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * A new run directory; refuses one that already holds a run.
   *
   * @throws IllegalArgumentException if {@code root} already holds a run (resume it or choose another directory)
   */
  public static RunDirectory create(Path root) {
    if (Files.exists(root.resolve(CONFIG))) {
      throw new IllegalArgumentException(root + " already holds a run; resume it (--resume) or choose another"
          + " output directory");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + root + ": " + e.getMessage(), e);
    }
    return new RunDirectory(root);
  }

  /**
   * An existing run directory, to resume.
   *
   * @throws IllegalArgumentException if {@code root} holds no run
   */
  public static RunDirectory existing(Path root) {
    if (!Files.isRegularFile(root.resolve(CONFIG))) {
      throw new IllegalArgumentException(root + " holds no run to resume (no " + CONFIG + ")");
    }
    return new RunDirectory(root);
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve(CONFIG);
  }

  public Path metricsFile() {
    return root.resolve(METRICS);
  }

  /** The checkpoints of this run. */
  public Checkpoints checkpoints() {
    return new Checkpoints(root.resolve("checkpoints"));
  }

  /** Writes the resolved configuration. */
  public void writeConfig(String yaml) {
    AtomicFiles.writeString(configFile(), yaml);
  }

  /**
   * The callbacks every run of a trainer gets: one metrics row per iteration into {@code metrics.csv} and the
   * TensorBoard log (dropping what was written after the checkpoint a resumed run continues from) and a checkpoint
   * every {@code checkpointEvery} iterations and at the end; then {@code extra} (progress, early stopping).
   *
   * @param metricColumns the trainer's metric columns
   * @param completedIterations iterations the run has already done (0 for a new run)
   * @param tensorBoard the run's TensorBoard log, opened for this process
   */
  public List<TrainingCallback> callbacks(List<String> metricColumns, int checkpointEvery, int completedIterations,
      TensorBoardLog tensorBoard, List<TrainingCallback> extra) {
    MetricsCsv metrics = new MetricsCsv(metricsFile(), metricColumns);
    metrics.truncate(completedIterations);
    List<TrainingCallback> callbacks = new ArrayList<>();
    callbacks.add(new MetricsCallback(metrics, tensorBoard));
    callbacks.add(new CheckpointCallback(checkpointEvery));
    callbacks.addAll(extra);
    return callbacks;
  }

  /** Writes the provenance record. */
  /** Appends a continuation to the run's provenance (a run started before provenance was written has none). */
  public void recordResume(List<String> command, Path checkpoint) {
    Path file = root.resolve(PROVENANCE);
    if (Files.isRegularFile(file)) {
      writeProvenance(Json.read(file, Provenance.class).resumedBy(command,
          checkpoint == null ? null : checkpoint.getFileName().toString()));
    }
  }

  public void writeProvenance(Provenance provenance) {
    Json.write(root.resolve(PROVENANCE), provenance);
  }
}
