package org.samdp.envs.wrappers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.samdp.envs.Env;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Space;

/**
 * Normalizes Box observations by a running mean and variance: every observation, from reset and step, first updates
 * the statistics (unless frozen), then comes out as float32 {@code (obs − mean) / sqrt(var + epsilon)}.
 *
 * <p>This normalized space is where the SA-MDP threat model lives: every ε in samdp is measured here, so the
 * statistics are frozen at evaluation and saved with every checkpoint.
 */
public final class NormalizeObservation<A> extends ObservationWrapper<A> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunningMeanStd stats;
  private final double epsilon;
  private final Box space;
  private boolean frozen;

  public NormalizeObservation(Env<double[], A> env, double epsilon) {
    super(env);
    if (!(env.observationSpace() instanceof Box box)) {
      throw new IllegalArgumentException("NormalizeObservation needs a Box observation space, got "
          + env.observationSpace());
    }
    this.space = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, box.shape(), DType.FLOAT32);
    this.stats = new RunningMeanStd(box.flatSize());
    this.epsilon = epsilon;
  }

  public NormalizeObservation(Env<double[], A> env) {
    this(env, 1e-8);
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }

  @Override
  protected double[] observation(double[] observation) {
    if (!frozen) {
      stats.update(observation);
    }
    return stats.normalize(observation, epsilon);
  }

  /** Normalizes without updating the statistics (what a frozen policy sees). */
  public double[] normalize(double[] observation) {
    return stats.normalize(observation, epsilon);
  }

  /** Stops (true) or resumes (false) updating the statistics. */
  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  public RunningMeanStd.State statistics() {
    return stats.state();
  }

  /** Writes the statistics as JSON, to a temporary file first and then moved into place. */
  public void save(Path file) throws IOException {
    RunningMeanStd.State state = stats.state();
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(),
          Map.of("mean", state.mean(), "var", state.var(), "count", state.count(), "epsilon", epsilon));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Restores statistics written by {@link #save(Path)}. */
  public void load(Path file) throws IOException {
    SavedStatistics saved;
    try {
      saved = JSON.readValue(file.toFile(), SavedStatistics.class);
    } catch (IOException e) {
      throw new IOException("cannot read observation statistics from " + file + ": " + e.getMessage(), e);
    }
    if (saved.mean() == null || saved.var() == null) {
      throw new IOException(file + " has no 'mean' and 'var' arrays; is it a file written by save()?");
    }
    stats.restore(new RunningMeanStd.State(saved.mean(), saved.var(), saved.count()));
  }

  private record SavedStatistics(double[] mean, double[] var, double count, double epsilon) {}
}
