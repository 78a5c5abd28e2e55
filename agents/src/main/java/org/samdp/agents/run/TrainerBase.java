package org.samdp.agents.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.config.UnusedKeys;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

/**
 * The run plumbing every trainer shares, so that a trainer's file holds only its algorithm: the training loop that
 * calls the {@link TrainingCallback}s and honours {@link #requestStop}, the evaluation during training that keeps the
 * best checkpoint ({@link TrainingEvaluation}: part of the loop, not a callback, because DDPG's metrics row carries
 * its result), the counters (iteration, global step), the checkpoint layout, starting or resuming a run directory, and
 * the environments and arrays it owns.
 *
 * <p>A checkpoint holds the trainer's named policies ({@link Policies}: the agent, and any other such as an
 * adversary), the trainer's own arrays ({@value #TRAINER_TENSORS}), its other
 * state ({@value #STATE}) and the resolved configuration ({@value RunDirectory#CONFIG}). A subclass writes one
 * iteration ({@link #iterate}) and what its checkpoint holds besides the policy ({@link #checkpoint},
 * {@link #restore(State, Map)}).
 *
 * @param <C> the configuration
 * @param <S> the record of {@value #STATE}
 */
public abstract class TrainerBase<C extends TrainerBase.Config, S extends TrainerBase.State>
    implements TrainingSession {
  /** The checkpoint file of the counters and every other state that is not an array. */
  public static final String STATE = "state.json";
  /** The trainer's own arrays in a checkpoint (value function, optimiser moments, replay buffer). */
  public static final String TRAINER_TENSORS = "trainer.tensors";

  /** What the run plumbing reads of a trainer's configuration record. */
  public interface Config extends UnusedKeys {
    /** The algorithm's name for run directories and logs, e.g. {@code sa-ppo}. */
    String algorithm();

    /** The env id. */
    String env();

    /** The run's seed. */
    long seed();

    /** Environment steps in all, as configured (rounded up to whole iterations). */
    long totalSteps();

    /** Environment steps per iteration (one metrics row), all envs together. */
    int stepsPerIteration();

    /** Iterations in all. */
    default int iterations() {
      return Math.toIntExact((totalSteps() + stepsPerIteration() - 1) / stepsPerIteration());
    }

    /** Environment steps the run takes in all: whole iterations. */
    default long roundedSteps() {
      return (long) iterations() * stepsPerIteration();
    }

    /**
     * Checks the keys every configuration has.
     *
     * @param example an env id for the message
     * @throws IllegalArgumentException naming the key
     */
    static void check(String env, long seed, long totalSteps, String example) {
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException("env must name an environment id (e.g. " + example + ")");
      }
      if (seed < 0) {
        throw new IllegalArgumentException("seed must be >= 0, got " + seed);
      }
      if (totalSteps <= 0) {
        throw new IllegalArgumentException("totalSteps must be positive, got " + totalSteps);
      }
    }

    /** The state-adversarial regulariser's settings. */
    Regularizer robust();

    /**
     * Per observation value, the unit its ε is measured in, or null when ε is in normalized observation units (the
     * default); SA-DDPG measures it in state standard deviations. Attacks and certificates of the run's agent scale
     * their ball by it ({@link org.samdp.agents.threat.ThreatModel#scaled}).
     *
     * @param observationSize the env's observation size
     */
    default double[] radiusScale(int observationSize) {
      return null;
    }

    /** True when the state-adversarial regulariser is on (κ > 0). */
    default boolean robustEnabled() {
      return robust().kappa() > 0;
    }

    /** Checkpointing and evaluation. */
    RunSettings run();

    /** None unless the configuration says otherwise. */
    @Override
    default Map<String, String> unusedKeys() {
      return Map.of();
    }

    /** The configuration as YAML with every key it uses (what a run directory records as resolved). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    default String toYaml() {
      return new ConfigLoader(getClass(), this).toYaml(this);
    }
  }

  /** What the run plumbing reads of a configuration's regulariser. */
  public interface Regularizer {
    /** The regulariser's weight κ; 0 turns it off. */
    double kappa();
  }

  /** Checkpointing and evaluation settings of a configuration. */
  public interface RunSettings {
    /** Save a checkpoint every this many iterations (and at the end). */
    int checkpointEvery();

    /** Keep the newest this many checkpoints. */
    int keepCheckpoints();

    /** Deterministic evaluation episodes at the end of a run (0: none). */
    int evalEpisodes();

    /** Evaluate during training at the end of each iteration that reaches a multiple of this many steps. */
    default int evalEvery() {
      return 0;
    }

    /** Deterministic episodes of each evaluation during training, which keeps the best checkpoint (0: none). */
    default int evalDuringTraining() {
      return 0;
    }
  }

  /** What every {@value TrainerBase#STATE} holds: whose checkpoint it is and how far the run got. */
  public interface State {
    /** The algorithm that wrote the checkpoint. */
    String algorithm();

    /** Iterations completed. */
    int iteration();

    /** Environment steps taken. */
    long globalStep();
  }

  /**
   * What a trainer adds to a checkpoint besides the policy.
   *
   * @param state written as {@value TrainerBase#STATE}
   * @param tensors written as {@value TrainerBase#TRAINER_TENSORS}
   */
  public record TrainerCheckpoint<S>(S state, Map<String, TensorFile.Entry> tensors) {}

  /** The configuration this trainer runs. */
  protected final C config;
  /** The episode loop over the environments the trainer steps (closed with it). */
  protected final EpisodeLoop loop;
  /** The manager owning the trainer's arrays (closed with it). */
  protected final NDManager manager;
  /** Environment steps taken (all envs together); the subclass advances it as it steps. */
  protected long globalStep;
  private final Class<S> stateType;
  private final List<String> metricColumns;
  private final RunDirectory run;
  private final List<TrainingCallback> callbacks;
  private final TrainingEvaluation evaluation;
  private int iteration;
  private Path lastCheckpoint;
  private String stopReason;

  /**
   * Takes {@code loop} and opens the manager; a subclass whose constructor fails afterwards calls {@link #close()}.
   *
   * @param stateType the record of {@value #STATE}
   * @param metricColumns the columns of the run's metrics file, in order
   * @param loop the episode loop over the environments to step
   * @param run where checkpoints go, or null for none
   */
  protected TrainerBase(C config, Class<S> stateType, List<String> metricColumns, EpisodeLoop loop, RunDirectory run,
      List<TrainingCallback> callbacks) {
    this.config = config;
    this.stateType = stateType;
    this.metricColumns = List.copyOf(metricColumns);
    this.loop = loop;
    this.run = run;
    this.callbacks = new ArrayList<>(callbacks);
    this.evaluation = new TrainingEvaluation(config.run().evalEvery(), config.run().evalDuringTraining());
    this.manager = NDManager.newBaseManager();
  }

  /**
   * Starts a run in a new directory with the trainer {@code create} makes for it, then writes the resolved
   * configuration and the provenance; metrics (CSV) and checkpoints go there as the run proceeds.
   *
   * @param command the command line, recorded in the provenance
   * @param extra further callbacks (progress, early stopping), after the metrics and checkpoint callbacks
   */
  public static <T extends TrainerBase<?, ?>> T start(Path directory, Function<RunDirectory, T> create,
      List<String> command, List<TrainingCallback> extra) {
    boolean existed = Files.exists(directory);
    RunDirectory run = RunDirectory.create(directory);
    // The trainer first: a bad env or space fails here and leaves no run behind, not even the empty directory.
    T trainer;
    try {
      trainer = create.apply(run);
    } catch (RuntimeException e) {
      if (!existed) {
        AtomicFiles.deleteRecursively(directory);
      }
      throw e;
    }
    TrainerBase<?, ?> base = trainer;
    try {
      Config config = base.config;
      run.writeConfig(config.toYaml());
      run.writeProvenance(Provenance.collect(config.algorithm(), config.env(), config.seed(), command));
      base.addRunCallbacks(extra);
    } catch (RuntimeException e) {
      trainer.close();
      throw e;
    }
    return trainer;
  }

  /**
   * Continues a run from its latest checkpoint (or from the start if it has none yet) with its resolved
   * configuration; metrics rows written after that checkpoint are dropped, so the curve continues exactly.
   *
   * @param loader reads the run's resolved configuration
   * @param command the command line, recorded in the provenance's resumes
   * @param create makes the trainer for that configuration
   */
  public static <K extends Config, T extends TrainerBase<K, ?>> T resume(Path directory, ConfigLoader<K> loader,
      BiFunction<K, RunDirectory, T> create, List<String> command, List<TrainingCallback> extra) {
    RunDirectory run = RunDirectory.existing(directory);
    T trainer = create.apply(loader.load(run.configFile(), List.of()), run);
    TrainerBase<?, ?> base = trainer;
    try {
      Optional<Path> checkpoint = run.checkpoints().latest();
      checkpoint.ifPresent(base::restoreCheckpoint);
      run.recordResume(command, checkpoint.orElse(null));
      base.addRunCallbacks(extra);
    } catch (RuntimeException e) {
      trainer.close();
      throw e;
    }
    return trainer;
  }

  /**
   * The metrics and checkpoint callbacks of the run directory and its record of evaluations, continuing after the
   * completed iterations.
   */
  private void addRunCallbacks(List<TrainingCallback> extra) {
    TensorBoardLog tensorBoard = TensorBoardLog.open(run.root(), globalStep);
    evaluation.recordIn(run.root(), tensorBoard, globalStep);
    callbacks.addAll(run.callbacks(metricColumns, config.run().checkpointEvery(), iteration, tensorBoard, extra));
  }

  @Override
  public void train() {
    Throwable failure = null;
    try {
      while (iteration < config.iterations() && stopReason == null) {
        int t = iteration + 1;
        long stepsBefore = globalStep;
        IterationReport report = iterate(t);
        iteration = t;
        if (evaluation.due(stepsBefore, globalStep)) {
          report = evaluate(report);
        }
        for (TrainingCallback callback : callbacks) {
          callback.onUpdateEnd(this, report);
        }
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      for (TrainingCallback callback : callbacks) {
        callback.onTrainingEnd(this, failure);
      }
    }
  }

  /**
   * Runs iteration {@code t} (from 1) and returns its metrics row; {@link #iteration()} stays {@code t − 1} until it
   * returns. Calls {@link #rolloutEnded()} between collecting and updating.
   */
  protected abstract IterationReport iterate(int t);

  /** The first columns of every metrics row: the counters and the episodes that ended in the iteration. */
  protected Map<String, Double> metricsRow(int t, List<Episode> episodes) {
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("iteration", (double) t);
    row.put("global_step", (double) globalStep);
    row.put("charts/episodic_return", episodes.stream().mapToDouble(Episode::episodicReturn).average()
        .orElse(Double.NaN));
    row.put("charts/episodic_length", episodes.stream().mapToDouble(Episode::length).average().orElse(Double.NaN));
    row.put("charts/episodes", (double) episodes.size());
    return row;
  }

  /**
   * Evaluates the agent during training: deterministic episodes on envs of their own (the same episodes every time),
   * keeping the best checkpoint.
   *
   * @return the report, with the mean return where the trainer's metrics have a column for it (DDPG's have)
   */
  private IterationReport evaluate(IterationReport report) {
    List<Episode> episodes = PolicyEvaluation.run(policy(), loop.source(), evaluation.episodes(),
        SplitMix64.hash(config.seed(), 5), true, manager);
    double mean = evaluation.record(iteration, globalStep, episodes, mayKeepBest(), this::saveBestCheckpoint);
    if (!metricColumns.contains(TrainingEvaluation.RETURN)) {
      return report;
    }
    Map<String, Double> metrics = new LinkedHashMap<>(report.metrics());
    metrics.put(TrainingEvaluation.RETURN, mean);
    return new IterationReport(report.iteration(), report.globalStep(), metrics);
  }

  /**
   * Whether an evaluation now may keep the best checkpoint. A state-adversarial run overrides it to wait until its ε
   * has reached its final value: a best chosen during the ramp would be chosen for a smaller ε.
   */
  protected boolean mayKeepBest() {
    return true;
  }

  /** The best mean return of the evaluations during training so far that kept a checkpoint, or null. */
  public Double bestEvaluation() {
    return evaluation.best();
  }

  /** Tells the callbacks that this iteration's rollout is collected. */
  protected final void rolloutEnded() {
    for (TrainingCallback callback : callbacks) {
      callback.onRolloutEnd(this);
    }
  }

  /**
   * Puts an adversary between the agent and its observations for the rest of the run: the agent acts on, and learns
   * from, the adversary's ŝ ∈ B(s); the envs still step from their true states.
   *
   * @param adversary the adversary, or null to take it away
   * @param threat the set B(s) it perturbs within
   */
  public void setAdversary(ObservationAdversary adversary, ThreatModel threat) {
    loop.withAdversary(adversary, threat);
  }

  // Checkpoints.

  /** The trainer's state and arrays for a checkpoint after the completed iteration. */
  protected abstract TrainerCheckpoint<S> checkpoint();

  /**
   * Restores what {@link #checkpoint()} saved; the policy's parameters and the counters are restored already or
   * after it.
   *
   * @param tensors the arrays of {@value #TRAINER_TENSORS}
   */
  protected abstract void restore(S state, Map<String, TensorFile.Entry> tensors);

  @Override
  public Path saveCheckpoint() {
    if (run == null) {
      throw new IllegalStateException("this trainer has no run directory to save checkpoints in");
    }
    lastCheckpoint = run.checkpoints().save(iteration, checkpointContent(), config.run().keepCheckpoints());
    return lastCheckpoint;
  }

  /**
   * Writes the current state (after a completed iteration) as the run's best checkpoint, beside the latest, replacing
   * the previous best; a trainer without a run directory writes nothing.
   */
  private void saveBestCheckpoint() {
    if (run != null) {
      run.checkpoints().saveBest(iteration, checkpointContent());
    }
  }

  /** What a checkpoint directory holds now: policies, the trainer's arrays and state, the configuration. */
  private AtomicFiles.DirectoryContent checkpointContent() {
    String configYaml = config.toYaml();
    TrainerCheckpoint<S> content = checkpoint();
    return directory -> {
      Policies.save(policies(), directory);
      TensorFile.write(directory.resolve(TRAINER_TENSORS), content.tensors());
      Json.write(directory.resolve(STATE), content.state());
      AtomicFiles.writeString(directory.resolve(RunDirectory.CONFIG), configYaml);
    };
  }

  /** Restores a checkpoint written by {@link #saveCheckpoint()} for this configuration. */
  private void restoreCheckpoint(Path checkpoint) {
    S state = Json.read(checkpoint.resolve(STATE), stateType);
    if (!state.algorithm().equals(config.algorithm())) {
      throw new IllegalStateException(checkpoint + " is a " + state.algorithm() + " checkpoint, this run is "
          + config.algorithm());
    }
    policies().forEach((name, policy) -> {
      Path tensors = Policies.directoryOf(checkpoint, name).resolve(Policies.TENSORS);
      if (!Files.isRegularFile(tensors)) {
        throw new IllegalArgumentException(checkpoint + " holds no '" + name + "' policy (" + tensors + " is missing),"
            + " which this " + config.algorithm() + " run needs; the checkpoint is incomplete: delete it to resume from"
            + " the one before it, or start the run again");
      }
      TensorFile.copyInto(TensorFile.read(tensors), "policy", policy.parameters());
    });
    restore(state, TensorFile.read(checkpoint.resolve(TRAINER_TENSORS)));
    iteration = state.iteration();
    globalStep = state.globalStep();
    lastCheckpoint = checkpoint;
  }

  // Trainer view for callbacks.

  @Override
  public String algorithm() {
    return config.algorithm();
  }

  @Override
  public String envId() {
    return config.env();
  }

  @Override
  public int iteration() {
    return iteration;
  }

  @Override
  public int totalIterations() {
    return config.iterations();
  }

  @Override
  public long globalStep() {
    return globalStep;
  }

  @Override
  public long totalSteps() {
    return config.roundedSteps();
  }

  @Override
  public int evaluationEpisodes() {
    return config.run().evalEpisodes();
  }

  @Override
  public long seed() {
    return config.seed();
  }

  /** The configuration this trainer runs. */
  public C config() {
    return config;
  }

  /** The last checkpoint written or restored, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint;
  }

  @Override
  public void requestStop(String reason) {
    stopReason = reason;
  }

  @Override
  public String stopReason() {
    return stopReason;
  }

  /** The manager owning the trainer's arrays, the policy's among them (closed with the trainer). */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    loop.close();
    manager.close();
  }
}
