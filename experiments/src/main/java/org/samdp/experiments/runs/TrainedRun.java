package org.samdp.experiments.runs;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.samdp.adversaries.attack.Critic;
import org.samdp.adversaries.trained.Victim;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.Json;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.ppo.PpoAgentConfig;
import org.samdp.agents.ppo.ValueFunction;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;

/**
 * A trained agent as the attack and certify commands see it: the latest checkpoint of a run directory (or a
 * checkpoint directory itself), its env and algorithm, the policy with its frozen normaliser, the critic where the
 * algorithm learns one (PPO's value function, DDPG's Q), and the units its ε is measured in. Closing it frees the arrays.
 */
public final class TrainedRun implements AutoCloseable {
  private static final String STATE = "state.json";

  private final Path directory;
  private final Path checkpoint;
  private final String env;
  private final String algorithm;
  private final NDManager manager;
  private final Policy policy;
  private final Critic critic;
  private final double[] radiusScale;

  private TrainedRun(Path directory, Path checkpoint, String env, String algorithm, NDManager manager, Policy policy,
      Critic critic, double[] radiusScale) {
    this.directory = directory;
    this.checkpoint = checkpoint;
    this.env = env;
    this.algorithm = algorithm;
    this.manager = manager;
    this.policy = policy;
    this.critic = critic;
    this.radiusScale = radiusScale;
  }

  /**
   * Opens a run directory's latest checkpoint, or a checkpoint directory.
   *
   * @throws IllegalArgumentException if there is no run there, or no finished checkpoint yet
   */
  public static TrainedRun open(Path directory) {
    return open(directory, null);
  }

  /**
   * Opens a checkpoint of a run directory, or a checkpoint directory.
   *
   * @param which {@code latest}, {@code best} or {@code iter-N} ({@link Checkpoints#select}); null for the latest
   *     checkpoint of a run directory, or {@code directory} itself when it is a checkpoint
   * @throws IllegalArgumentException if there is no run there, no such checkpoint, or no finished checkpoint yet
   */
  public static TrainedRun open(Path directory, String which) {
    Path checkpoint = checkpoint(directory, which);
    String env = configValue(checkpoint.resolve(RunDirectory.CONFIG), "env");
    String algorithm = Json.MAPPER.convertValue(readJson(checkpoint.resolve(STATE)).path("algorithm"), String.class);
    if (algorithm == null) {
      throw new IllegalArgumentException(checkpoint.resolve(STATE) + " names no algorithm; is " + checkpoint
          + " a samdp checkpoint?");
    }
    NDManager manager = NDManager.newBaseManager();
    try {
      Policy policy = Policies.load(checkpoint, manager);
      Algorithm<?> trainedBy = Algorithms.get(algorithm);
      int observationSize = policy.normalizer().size();
      TrainerBase.Config config = trainedBy.loader(env).load(checkpoint.resolve(RunDirectory.CONFIG), List.of());
      Critic critic = critic(trainedBy, checkpoint, policy, config, manager);
      double[] radiusScale = config.radiusScale(observationSize);
      return new TrainedRun(directory, checkpoint, env, algorithm, manager, policy, critic, radiusScale);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The run's critic: the V of a PPO agent (PPO's, or ATLA's agent's; recurrent for a recurrent agent), DDPG's Q, or
   * null if its algorithm has none.
   */
  private static Critic critic(Algorithm<?> trainedBy, Path checkpoint, Policy policy, TrainerBase.Config config,
      NDManager manager) {
    int observationSize = policy.normalizer().size();
    if (trainedBy.critics().contains(Algorithm.VALUE) && config instanceof PpoAgentConfig ppo) {
      return policy.isStateful()
          ? Critic.recurrentStateValue(ValueFunction.loadRecurrent(checkpoint, ppo.agent(), observationSize, manager))
          : Critic.stateValue(ValueFunction.load(checkpoint, ppo.agent(), observationSize, manager));
    }
    if (trainedBy.critics().contains(Algorithm.CRITIC)) {
      return Critic.actionValue(org.samdp.agents.ddpg.Critic.load(checkpoint, observationSize,
          policy.spec().actionSize(), manager), policy);
    }
    return null;
  }

  /**
   * The checkpoint a path and a name choose: the path itself if it is a checkpoint, else the run's checkpoint of
   * that name (its latest for null).
   *
   * @param which {@code latest}, {@code best}, {@code iter-N} or null
   * @throws IllegalArgumentException naming what is missing and what to do
   */
  public static Path checkpoint(Path directory, String which) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("no run directory " + directory + "; train one first (samdp train ... --out "
          + directory + ")");
    }
    if (Files.isRegularFile(directory.resolve(Policies.DESCRIPTION))) {
      if (which != null) {
        throw new IllegalArgumentException(directory + " is a checkpoint already; --checkpoint chooses among the"
            + " checkpoints of a run directory: give the run directory instead");
      }
      return directory;
    }
    if (!Files.isRegularFile(directory.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException(directory + " is not a run directory (no " + RunDirectory.CONFIG + ")");
    }
    if (which != null) {
      return new Checkpoints(directory.resolve("checkpoints")).select(which);
    }
    Optional<Path> latest = new Checkpoints(directory.resolve("checkpoints")).latest();
    return latest.orElseThrow(() -> new IllegalArgumentException(directory + " has no finished checkpoint yet; let"
        + " the training write one (run.checkpointEvery) or resume it: samdp train --resume --out " + directory));
  }

  /** A top-level key of a YAML file, as text. */
  static String configValue(Path yaml, String key) {
    try {
      JsonNode node = new YAMLMapper().readTree(yaml.toFile()).path(key);
      if (!node.isTextual()) {
        throw new IllegalArgumentException(yaml + " has no '" + key + "'");
      }
      return node.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + yaml + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file.getParent() + " is not a complete checkpoint (no " + file.getFileName()
          + ")");
    }
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where results (attacks.json, certificates.json) go: the run directory, or the checkpoint's run directory. */
  public Path resultsDirectory() {
    return checkpoint.equals(directory) && directory.getParent() != null
        && directory.getParent().getFileName().toString().equals("checkpoints")
        ? directory.getParent().getParent() : directory;
  }

  /** The checkpoint loaded. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** The environment id the agent was trained on. */
  public String env() {
    return env;
  }

  /** The algorithm that trained it, e.g. {@code sa-ppo}. */
  public String algorithm() {
    return algorithm;
  }

  /** Where the agent's envs come from: the registered env it was trained on. */
  public EnvSource envs() {
    return EnvSource.registered(env);
  }

  /** The policy, normaliser frozen. */
  public Policy policy() {
    return policy;
  }

  /** The agent as trained attackers see it: where they live, what they are keyed by, what they train against. */
  public Victim victim() {
    return new Victim(resultsDirectory(), checkpoint, env, policy, envs(), radiusScale);
  }

  /**
   * B(s) of radius {@code eps} around the agent's normalized observations, clipped to the env's range, in the units
   * its algorithm measures ε in (SA-DDPG's state standard deviations).
   */
  public ThreatModel threatModel(double eps) {
    return victim().threat(eps);
  }

  /** The critic (PPO's V, recurrent for a recurrent agent; DDPG's Q), or null if the algorithm has none. */
  public Critic critic() {
    return critic;
  }

  @Override
  public void close() {
    manager.close();
  }
}
