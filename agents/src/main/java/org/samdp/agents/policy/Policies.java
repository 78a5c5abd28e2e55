package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.bounds.network.Network;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * Saves a policy into a directory ({@code policy.json}: spec and normaliser statistics; {@code policy.tensors}: the
 * parameters) and loads it back without the trainer that made it. A loaded policy's normaliser is frozen.
 *
 * <p>A checkpoint may hold several named policies (an agent and its adversary): the agent, {@value #AGENT}, at the
 * checkpoint's top level (where single-policy checkpoints always had it), every other one in a subdirectory of its
 * name.
 */
public final class Policies {
  /** The description file. */
  public static final String DESCRIPTION = "policy.json";
  /** The parameter file. */
  public static final String TENSORS = "policy.tensors";
  /** The name of the trained agent's policy. */
  public static final String AGENT = "agent";

  /** What {@code policy.json} holds. */
  record SavedPolicy(PolicySpec spec, SavedNormalizer normalizer) {}

  /**
   * A normaliser as plain values; mean, var and count are absent for the identity, epsilon is absent for
   * {@link ObservationNormalizer.Epsilon#IN_ROOT} (so the files of samdp's own runs stay as they were).
   */
  record SavedNormalizer(boolean running, double clip, double[] mean, double[] var, double count,
      @JsonInclude(JsonInclude.Include.NON_NULL) ObservationNormalizer.Epsilon epsilon) {}

  private Policies() {}

  /** Writes {@code policy.json} and {@code policy.tensors} into {@code directory}, each atomically. */
  public static void save(Policy policy, Path directory) {
    ObservationNormalizer n = policy.normalizer();
    RunningMeanStd.State stats = n.statistics();
    SavedNormalizer normalizer = stats == null
        ? new SavedNormalizer(false, n.clip(), null, null, 0, null)
        : new SavedNormalizer(true, n.clip(), stats.mean(), stats.var(), stats.count(),
            n.epsilon() == ObservationNormalizer.Epsilon.IN_ROOT ? null : n.epsilon());
    TensorFile.write(directory.resolve(TENSORS), TensorFile.named("policy", policy.parameters()));
    Json.write(directory.resolve(DESCRIPTION), new SavedPolicy(policy.spec(), normalizer));
  }

  /**
   * Writes named policies into a checkpoint directory: {@value #AGENT} at its top level, the others in subdirectories.
   *
   * @throws IllegalArgumentException for a name that is not lower-case letters, digits and dashes
   */
  public static void save(Map<String, Policy> policies, Path directory) {
    policies.forEach((name, policy) -> save(policy, directoryOf(directory, name)));
  }

  /** Where the policy {@code name} of a checkpoint lives. */
  public static Path directoryOf(Path checkpoint, String name) {
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("policy name '" + name + "' must be lower-case letters, digits and dashes");
    }
    return name.equals(AGENT) ? checkpoint : checkpoint.resolve(name);
  }

  /** The names of the policies a checkpoint holds, {@value #AGENT} first. */
  public static List<String> names(Path checkpoint) {
    List<String> names = new ArrayList<>();
    if (Files.isRegularFile(checkpoint.resolve(DESCRIPTION))) {
      names.add(AGENT);
    }
    try (Stream<Path> entries = Files.list(checkpoint)) {
      entries.filter(p -> Files.isRegularFile(p.resolve(DESCRIPTION))).map(p -> p.getFileName().toString()).sorted()
          .forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + checkpoint + ": " + e.getMessage(), e);
    }
    return names;
  }

  /**
   * Loads the policy {@code name} of a checkpoint, as {@link #load(Path, NDManager)} loads the agent.
   *
   * @throws IllegalArgumentException if the checkpoint holds no policy of that name (the message lists those it has)
   */
  public static Policy load(Path checkpoint, String name, NDManager manager) {
    Path directory = directoryOf(checkpoint, name);
    if (!Files.isRegularFile(directory.resolve(DESCRIPTION))) {
      throw new IllegalArgumentException(checkpoint + " holds no policy '" + name + "'; it holds "
          + (Files.isDirectory(checkpoint) ? names(checkpoint) : "nothing"));
    }
    return load(directory, manager);
  }

  /**
   * Loads a policy saved by {@link #save}; its arrays belong to {@code manager} and its normaliser is frozen.
   *
   * @throws IllegalArgumentException if the directory holds no policy or the files do not fit together
   */
  public static Policy load(Path directory, NDManager manager) {
    Path description = directory.resolve(DESCRIPTION);
    if (!Files.isRegularFile(description)) {
      throw new IllegalArgumentException(directory + " holds no saved policy (no " + DESCRIPTION + ")");
    }
    SavedPolicy saved = Json.read(description, SavedPolicy.class);
    PolicySpec spec = saved.spec();
    SavedNormalizer sn = saved.normalizer();
    int size = spec.observationShape().stream().reduce(1, (a, b) -> a * b);
    ObservationNormalizer normalizer = sn.running()
        ? ObservationNormalizer.restored(new RunningMeanStd.State(sn.mean(), sn.var(), sn.count()), sn.clip(), true,
            sn.epsilon() == null ? ObservationNormalizer.Epsilon.IN_ROOT : sn.epsilon())
        : ObservationNormalizer.identity(size);
    normalizer.setFrozen(true);
    Shape inputShape = new Shape(spec.observationShape().stream().mapToLong(Integer::longValue).toArray());
    Policy policy = spec.network().isRecurrent()
        ? new RecurrentPolicy(spec, normalizer, spec.network().buildRecurrent(inputShape, manager, DataType.FLOAT32, 0),
            spec.kind() == PolicyKind.GAUSSIAN ? manager.zeros(new Shape(spec.actionSize())) : null)
        : feedForward(spec, normalizer, spec.network().build(inputShape, manager, DataType.FLOAT32, 0), manager);
    Map<String, TensorFile.Entry> tensors = TensorFile.read(directory.resolve(TENSORS));
    List<NDArray> parameters = policy.parameters();
    TensorFile.copyInto(tensors, "policy", parameters);
    return policy;
  }

  private static Policy feedForward(PolicySpec spec, ObservationNormalizer normalizer, Network network,
      NDManager manager) {
    return switch (spec.kind()) {
      case GAUSSIAN -> new GaussianPolicy(spec, normalizer, network, manager.zeros(new Shape(spec.actionSize())));
      case CATEGORICAL -> new CategoricalPolicy(spec, normalizer, network);
      case Q_VALUES -> new QValuePolicy(spec, normalizer, network);
      case DETERMINISTIC -> new DeterministicPolicy(spec, normalizer, network);
    };
  }
}
