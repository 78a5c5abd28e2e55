package org.samdp.experiments.importer;

import java.util.Locale;
import java.util.Map;
import org.samdp.experiments.torch.TorchCheckpoint;

/** The layouts of the authors' released agents (see {@code shared/reference/checkpoints/README.md}). */
public enum ImportFormat {
  /** SA_PPO's agents: zip, policy, value and ZFilter. */
  SA_PPO("sa-ppo"),
  /** ATLA's agents: the SA_PPO layout plus an adversary (in attack files, the trained optimal attacker). */
  ATLA("atla"),
  /** SA_DDPG's agents: a legacy-format state dict of actor and critic. */
  SA_DDPG("sa-ddpg");

  private final String label;

  ImportFormat(String label) {
    this.label = label;
  }

  /** The name {@code --format} takes. */
  public String label() {
    return label;
  }

  /**
   * The format named {@code label}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ImportFormat of(String label) {
    for (ImportFormat format : values()) {
      if (format.label.equals(label.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + label + "'; expected sa-ppo, atla or sa-ddpg");
  }

  /**
   * The layout of a checkpoint read from {@code file}.
   *
   * @throws IllegalArgumentException if it is none of the three
   */
  public static ImportFormat detect(TorchCheckpoint checkpoint, String file) {
    if (checkpoint.root() instanceof Map<?, ?> root) {
      if (root.containsKey("policy_model") && root.containsKey("envs")) {
        return root.containsKey("adversary_policy_model") ? ATLA : SA_PPO;
      }
      if (root.containsKey(DdpgNetworks.ACTOR + ".0.weight")) {
        return SA_DDPG;
      }
      throw new IllegalArgumentException(file + " is a PyTorch checkpoint of a layout samdp does not know (entries "
          + root.keySet() + "); expected SA_PPO or ATLA's (policy_model, val_model, envs) or SA_DDPG's (fc_action.*,"
          + " fc_critic.*)");
    }
    throw new IllegalArgumentException(file + " is a PyTorch checkpoint of a layout samdp does not know (it holds a "
        + checkpoint.root().getClass().getSimpleName() + ", not a dict)");
  }
}
