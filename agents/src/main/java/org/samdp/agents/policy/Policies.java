package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.samdp.agents.io.Json;
import org.samdp.agents.io.TensorFile;
import org.samdp.bounds.network.Network;
import org.samdp.envs.wrappers.RunningMeanStd;

/**
 * Saves a policy into a directory ({@code policy.json}: spec and normaliser statistics; {@code policy.tensors}: the
 * parameters) and loads it back without the trainer that made it. A loaded policy's normaliser is frozen.
 */
public final class Policies {
  /** The description file. */
  public static final String DESCRIPTION = "policy.json";
  /** The parameter file. */
  public static final String TENSORS = "policy.tensors";

  /** What {@code policy.json} holds. */
  record SavedPolicy(PolicySpec spec, SavedNormalizer normalizer) {}

  /** A normaliser as plain values; mean, var and count are absent for the identity. */
  record SavedNormalizer(boolean running, double clip, double[] mean, double[] var, double count) {}

  private Policies() {}

  /** Writes {@code policy.json} and {@code policy.tensors} into {@code directory}, each atomically. */
  public static void save(Policy policy, Path directory) {
    ObservationNormalizer n = policy.normalizer();
    RunningMeanStd.State stats = n.statistics();
    SavedNormalizer normalizer = stats == null
        ? new SavedNormalizer(false, n.clip(), null, null, 0)
        : new SavedNormalizer(true, n.clip(), stats.mean(), stats.var(), stats.count());
    TensorFile.write(directory.resolve(TENSORS), TensorFile.named("policy", policy.parameters()));
    Json.write(directory.resolve(DESCRIPTION), new SavedPolicy(policy.spec(), normalizer));
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
        ? ObservationNormalizer.restored(new RunningMeanStd.State(sn.mean(), sn.var(), sn.count()), sn.clip(), true)
        : ObservationNormalizer.identity(size);
    normalizer.setFrozen(true);
    Shape inputShape = new Shape(spec.observationShape().stream().mapToLong(Integer::longValue).toArray());
    Network network = spec.network().build(inputShape, manager, DataType.FLOAT32, 0);
    Policy policy = switch (spec.kind()) {
      case GAUSSIAN -> new GaussianPolicy(spec, normalizer, network, manager.zeros(new Shape(spec.actionSize())));
      case CATEGORICAL -> new CategoricalPolicy(spec, normalizer, network);
      case Q_VALUES -> new QValuePolicy(spec, normalizer, network);
    };
    Map<String, TensorFile.Entry> tensors = TensorFile.read(directory.resolve(TENSORS));
    List<NDArray> parameters = policy.parameters();
    TensorFile.copyInto(tensors, "policy", parameters);
    return policy;
  }
}
