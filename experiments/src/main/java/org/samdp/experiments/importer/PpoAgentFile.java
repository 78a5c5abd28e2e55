package org.samdp.experiments.importer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.experiments.torch.Tensor;
import org.samdp.experiments.torch.TorchCheckpoint;

/**
 * An SA_PPO or ATLA checkpoint's agent: the Gaussian policy (an MLP: {@code affine_layers.*}, tanh, {@code final_mean};
 * or ATLA's LSTM, {@link LstmLayers} with the head {@code output_layer}; and {@code log_stdev}), the value network
 * (the same trunk and {@code final}), the ZFilter, and an ATLA file's adversary (a policy of either kind whose action
 * is a perturbation of the observation).
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
   * @throws IllegalArgumentException for an entry that is missing
   */
  public static PpoAgentFile of(TorchCheckpoint checkpoint, String file, boolean withAdversary) {
    Map<?, ?> root = (Map<?, ?>) checkpoint.root();
    StateDict policy = StateDict.of(root, "policy_model", file);
    return new PpoAgentFile(policy, StateDict.of(root, "val_model", file), ZFilter.of(root, file),
        withAdversary ? StateDict.of(root, "adversary_policy_model", file) : null);
  }

  /** True for ATLA's LSTM policies (and value networks): the dict has an LSTM layer. */
  public static boolean isRecurrent(StateDict dict) {
    return dict.has(LstmLayers.CELL);
  }

  /** The layers of a recurrent Gaussian policy's mean. */
  public static LstmLayers recurrentMeanLayers(StateDict policy) {
    return LstmLayers.of(policy, "output_layer");
  }

  /** The layers of the recurrent value network. */
  public LstmLayers recurrentValueLayers() {
    return LstmLayers.of(value, "final");
  }

  /**
   * A recurrent Gaussian policy from a state dict with the file's weights and log σ.
   *
   * @param normalizer its observation normaliser
   */
  public static RecurrentPolicy recurrentGaussian(StateDict dict, LstmLayers mean, ObservationNormalizer normalizer,
      NDManager manager) {
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(mean.inputSize()), mean.spec(), mean.outputSize());
    return new RecurrentPolicy(spec, normalizer, mean.build(dict, manager), logStd(dict, mean.outputSize(), manager));
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
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(mean.inputSize()), mean.spec(), mean.outputSize());
    return new GaussianPolicy(spec, normalizer, mean.build(dict, manager), logStd(dict, mean.outputSize(), manager));
  }

  private static NDArray logStd(StateDict dict, int actions, NDManager manager) {
    Tensor logStd = dict.tensor("log_stdev", actions);
    return manager.create(logStd.values(), new Shape(actions));
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
