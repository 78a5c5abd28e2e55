package org.samdp.experiments.importer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.experiments.torch.Tensor;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * An SA_PPO or ATLA checkpoint's MLP agent: the Gaussian policy ({@code affine_layers.*}, tanh, {@code final_mean},
 * {@code log_stdev}), the value network ({@code affine_layers.*}, tanh, {@code final}), the ZFilter, and an ATLA
 * file's adversary (a policy of the same kind whose action is a perturbation of the observation).
 *
 * @param policy the agent's {@code policy_model}
 * @param value its {@code val_model}
 * @param filter its observation normaliser
 * @param adversary the {@code adversary_policy_model}, or null
 */
public record PpoAgentFile(StateDict policy, StateDict value, ZFilter filter, StateDict adversary) {
  private static final String ACTIVATION = "tanh";

  /**
   * The agent of a checkpoint, and its adversary if {@code withAdversary}.
   *
   * @throws IllegalArgumentException for an entry that is missing, or an LSTM agent (not supported yet)
   */
  public static PpoAgentFile of(TorchCheckpoint checkpoint, String file, boolean withAdversary) {
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    StateDict policy = StateDict.of(root, "policy_model", file);
    if (policy.has("lstm.weight_ih_l0")) {
      throw new IllegalArgumentException(file + " holds an LSTM agent; LSTM agents need recurrent policies, which"
          + " samdp does not support yet");
    }
    return new PpoAgentFile(policy, StateDict.of(root, "val_model", file), ZFilter.of(root, file),
        withAdversary ? StateDict.of(root, "adversary_policy_model", file) : null);
  }

  /** The layers of a Gaussian policy's mean. */
  public static MlpLayers meanLayers(StateDict policy) {
    return MlpLayers.of(policy, withHead(policy, "final_mean"), ACTIVATION, null);
  }

  /** The layers of the value network. */
  public MlpLayers valueLayers() {
    return MlpLayers.of(value, withHead(value, "final"), ACTIVATION, null);
  }

  /**
   * A Gaussian policy from a state dict with the file's weights and log σ.
   *
   * @param normalizer its observation normaliser
   */
  public static GaussianPolicy gaussian(StateDict dict, MlpLayers mean, ObservationNormalizer normalizer,
      NDManager manager) {
    Tensor logStd = dict.tensor("log_stdev", mean.outputSize());
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(mean.inputSize()), mean.spec(), mean.outputSize());
    return new GaussianPolicy(spec, normalizer, mean.build(dict, manager),
        manager.create(logStd.values(), new Shape(mean.outputSize())));
  }

  /** {@code affine_layers.0}, {@code affine_layers.1}, ... as far as they go, then {@code head}. */
  private static List<String> withHead(StateDict dict, String head) {
    List<String> layers = new ArrayList<>();
    for (int i = 0; dict.has("affine_layers." + i + ".weight"); i++) {
      layers.add("affine_layers." + i);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(dict.source() + " has no affine_layers.0: not an MLP samdp knows");
    }
    layers.add(head);
    return layers;
  }
}
