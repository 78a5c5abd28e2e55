package org.samdp.agents.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.samdp.bounds.Scalars;
import org.samdp.bounds.network.Network;

/** Target networks of the off-policy trainers: a hard copy (DQN) or a soft, Polyak-averaged update (DDPG). */
public final class TargetNetworks {
  private TargetNetworks() {}

  /** Copies every parameter of {@code from} into the same-shaped {@code to}. */
  public static void copy(Network from, Network to) {
    List<NDArray> source = from.parameters();
    List<NDArray> destination = to.parameters();
    for (int i = 0; i < source.size(); i++) {
      destination.get(i).set(new NDIndex("..."), source.get(i));
    }
  }

  /**
   * The soft update {@code θ' ← (1 − τ)·θ' + τ·θ} of every parameter (Lillicrap et al. 2016), in float32, in place.
   *
   * @param tau τ in [0, 1]
   */
  public static void softUpdate(Network online, Network target, double tau) {
    if (!(tau >= 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
    }
    List<NDArray> source = online.parameters();
    List<NDArray> destination = target.parameters();
    // The scope closes the intermediate arrays; the targets are overwritten in place.
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < source.size(); i++) {
        NDArray theta = source.get(i).stopGradient();
        NDArray mixed = Scalars.mul(destination.get(i), 1 - tau).add(Scalars.mul(theta, tau));
        destination.get(i).set(new NDIndex("..."), mixed);
      }
    }
  }
}
