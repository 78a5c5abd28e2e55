package org.samdp.agents.ppo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.bounds.network.Network;

/**
 * PPO's value function {@code V(s)} over normalized observations: its architecture, and loading it from a checkpoint
 * without the trainer, for attacks that need a critic (the V-based critic attack of §6.4.1), feed-forward or recurrent.
 */
public final class ValueFunction {
  private ValueFunction() {}

  /**
   * The value network's architecture for a configuration: the policy's hidden layers, one output, gain 1; or, for
   * recurrent agents, ATLA's recurrent network with one output.
   */
  public static NetworkSpec spec(PpoConfig config) {
    PpoConfig.Recurrent recurrent = config.recurrent();
    return recurrent.enabled()
        ? NetworkSpec.recurrent(recurrent.cell(), recurrent.embedding(), recurrent.hidden(), 1, 1.0)
        : NetworkSpec.mlp(config.ppo().hidden(), config.ppo().activation(), 1, 1.0);
  }

  /**
   * The value network saved in a checkpoint of {@link PpoTrainer}, its arrays owned by {@code manager}.
   *
   * @param observationSize values per observation (the policy's input size)
   * @throws IllegalArgumentException if the directory is not a PPO checkpoint, or its value function is recurrent
   */
  public static Network load(Path checkpoint, int observationSize, NDManager manager) {
    return load(checkpoint, config(checkpoint), observationSize, manager);
  }

  /**
   * The feed-forward value network of a PPO agent's checkpoint (PPO's, or ATLA's agent's).
   *
   * @param agent the agent's PPO configuration, as the checkpoint's trainer ran it
   * @param observationSize values per observation (the policy's input size)
   * @throws IllegalArgumentException if the directory holds no trainer arrays, or its value function is recurrent
   */
  public static Network load(Path checkpoint, PpoConfig agent, int observationSize, NDManager manager) {
    if (agent.recurrent().enabled()) {
      throw new IllegalArgumentException(checkpoint + " holds a recurrent value function, which reads histories;"
          + " load it with loadRecurrent");
    }
    Network value = spec(agent).build(new Shape(observationSize), manager, DataType.FLOAT32, 0);
    TensorFile.copyInto(tensors(checkpoint), "value", value.parameters());
    return value;
  }

  /**
   * The recurrent value network of a recurrent PPO agent's checkpoint.
   *
   * @param agent the agent's PPO configuration, as the checkpoint's trainer ran it
   * @throws IllegalArgumentException if the directory holds no trainer arrays, or its value function is feed-forward
   */
  public static RecurrentNetwork loadRecurrent(Path checkpoint, PpoConfig agent, int observationSize,
      NDManager manager) {
    if (!agent.recurrent().enabled()) {
      throw new IllegalArgumentException(checkpoint + " holds a feed-forward value function; load it with load");
    }
    RecurrentNetwork value = spec(agent).buildRecurrent(new Shape(observationSize), manager, DataType.FLOAT32, 0);
    TensorFile.copyInto(tensors(checkpoint), "value", value.parameters());
    return value;
  }

  /** The configuration of a PPO run's checkpoint. */
  private static PpoConfig config(Path checkpoint) {
    Path config = checkpoint.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException(checkpoint + " is not a PPO checkpoint (it lacks " + RunDirectory.CONFIG
          + "), so it has no value function");
    }
    return new ConfigLoader<>(PpoConfig.class, PpoConfig.ppo("unset")).load(config, List.of());
  }

  private static Map<String, TensorFile.Entry> tensors(Path checkpoint) {
    Path tensors = checkpoint.resolve(TrainerBase.TRAINER_TENSORS);
    if (!Files.isRegularFile(tensors)) {
      throw new IllegalArgumentException(checkpoint + " is not a PPO checkpoint (it lacks "
          + TrainerBase.TRAINER_TENSORS + "), so it has no value function");
    }
    return TensorFile.read(tensors);
  }
}
