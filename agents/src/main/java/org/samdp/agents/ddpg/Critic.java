package org.samdp.agents.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.bounds.network.Network;

/**
 * DDPG's critic {@code Q(s, a)}: one network over {@code concat(s, a)} (the action enters at the input, as in the
 * authors' code, not at the second layer as in Lillicrap et al.), and loading it from a checkpoint without the
 * trainer, for attacks that need it (the critic attack, Robust Sarsa's start).
 */
public final class Critic {
  /** The last layers' orthogonal gain, actor and critic alike (the authors' {@code layer_init} scale). */
  public static final double OUTPUT_GAIN = 1e-3;

  private Critic() {}

  /** The critic's architecture: hidden ReLU layers with PyTorch's default init, one output orthogonal ×1e-3. */
  public static NetworkSpec spec(DdpgConfig.Ddpg ddpg) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int width : ddpg.criticHidden()) {
      layers.add(LayerSpec.linear(width));
      layers.add(LayerSpec.of("relu"));
    }
    layers.add(LayerSpec.linear(1, OUTPUT_GAIN));
    return new NetworkSpec(layers);
  }

  /** {@code Q(s, a)} of a batch, {@code [B]}: the critic on {@code concat(states [B, n], actions [B, m])}. */
  public static NDArray q(Network critic, NDArray states, NDArray actions) {
    return critic.forward(states.concat(actions, 1)).reshape(-1);
  }

  /**
   * The critic saved in a checkpoint of {@link DdpgTrainer} (the online one, not its target), its arrays owned by
   * {@code manager}; its input is {@code observationSize + actionSize} values.
   *
   * @throws IllegalArgumentException if the directory is not a DDPG checkpoint
   */
  public static Network load(Path checkpoint, int observationSize, int actionSize, NDManager manager) {
    Path config = checkpoint.resolve(RunDirectory.CONFIG);
    Path tensors = checkpoint.resolve(TrainerBase.TRAINER_TENSORS);
    if (!Files.isRegularFile(config) || !Files.isRegularFile(tensors)) {
      throw new IllegalArgumentException(checkpoint + " is not a DDPG checkpoint (it lacks " + RunDirectory.CONFIG
          + " or " + TrainerBase.TRAINER_TENSORS + "), so it has no critic");
    }
    DdpgConfig.Ddpg ddpg = new ConfigLoader<>(DdpgConfig.class, DdpgConfig.ddpg("unset")).load(config, List.of())
        .ddpg();
    Network critic = spec(ddpg).build(new Shape(observationSize + actionSize), manager, DataType.FLOAT32, 0);
    TensorFile.copyInto(TensorFile.read(tensors), Algorithm.CRITIC, critic.parameters());
    return critic;
  }
}
