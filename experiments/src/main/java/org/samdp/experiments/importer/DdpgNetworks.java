package org.samdp.experiments.importer;

import java.util.List;

/**
 * The networks of an SA_DDPG state dict: the actor {@code fc_action.{0,2,4}} (ReLU between, tanh after; the action is
 * only clipped to the env's bounds, not rescaled) and the critic {@code fc_critic.{0,2,4}} on {@code concat(s, a)}.
 * Both take raw, unnormalised observations; {@link DdpgImport} puts their weights into samdp's DDPG networks.
 *
 * @param actor the actor's layers
 * @param critic the critic's layers
 */
public record DdpgNetworks(MlpLayers actor, MlpLayers critic) {
  /** The actor's prefix. */
  static final String ACTOR = "fc_action";
  /** The critic's prefix. */
  static final String CRITIC = "fc_critic";

  /**
   * The layers of a state dict.
   *
   * @throws IllegalArgumentException if a tensor is missing or does not fit
   */
  public static DdpgNetworks of(StateDict dict) {
    MlpLayers actor = MlpLayers.of(dict, List.of(ACTOR + ".0", ACTOR + ".2", ACTOR + ".4"), "relu", "tanh");
    MlpLayers critic = MlpLayers.of(dict, List.of(CRITIC + ".0", CRITIC + ".2", CRITIC + ".4"), "relu", null);
    if (critic.inputSize() != actor.inputSize() + actor.outputSize() || critic.outputSize() != 1) {
      throw new IllegalArgumentException(dict.source() + ": the critic takes " + critic.inputSize() + " values and"
          + " gives " + critic.outputSize() + ", expected observation + action = "
          + (actor.inputSize() + actor.outputSize()) + " and 1");
    }
    return new DdpgNetworks(actor, critic);
  }
}
