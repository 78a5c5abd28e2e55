package org.samdp.envs.mujoco;

import java.util.HashMap;
import java.util.Map;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;

/**
 * Registers the MuJoCo envs under their Gymnasium ids, v4 and v5, with Gymnasium's time limits and reward
 * thresholds, and {@value #ANT_CONTACT_FORCES}, Ant-v4 with {@code use_contact_forces} set. Registration loads nothing native; the library is loaded when the first env is made.
 */
public final class MuJoCoEnvs {
  /** Ant-v4 observing its contact forces (Gymnasium's {@code use_contact_forces=True}). */
  public static final String ANT_CONTACT_FORCES = "AntContactForces-v4";
  private static final double NO_THRESHOLD = Double.NaN;

  private MuJoCoEnvs() {}

  /** Adds every MuJoCo env id to the {@link EnvRegistry}. */
  public static void register() {
    for (int version : new int[] {4, 5}) {
      register("Hopper-v" + version, 1000, 3800, kwargs -> PlanarWalkerEnv.hopper(version, kwargs));
      register("Walker2d-v" + version, 1000, NO_THRESHOLD, kwargs -> PlanarWalkerEnv.walker2d(version, kwargs));
      register("HalfCheetah-v" + version, 1000, 4800, kwargs -> new HalfCheetahEnv(version, kwargs));
      register("Ant-v" + version, 1000, 6000, kwargs -> new AntEnv(version, kwargs));
      register("Humanoid-v" + version, 1000, NO_THRESHOLD, kwargs -> new HumanoidEnv(version, kwargs));
      register("InvertedPendulum-v" + version, 1000, 950, kwargs -> new InvertedPendulumEnv(version, kwargs));
      register("Reacher-v" + version, 50, -3.75, kwargs -> new ReacherEnv(version, kwargs));
    }
    // Gymnasium's make("Ant-v4", use_contact_forces=True) under an id of its own, so that a run can name it: the 111
    // observations (and the contact cost) of gym's Ant-v2, which the SA-DDPG authors' Ant agents observe.
    register(ANT_CONTACT_FORCES, 1000, 6000, kwargs -> {
      Map<String, Object> withContacts = new HashMap<>(kwargs);
      withContacts.putIfAbsent("use_contact_forces", true);
      return new AntEnv(4, withContacts);
    });
  }

  private static void register(String id, int maxEpisodeSteps, double rewardThreshold, EnvRegistry.Factory factory) {
    EnvRegistry.register(new EnvSpec(id, maxEpisodeSteps, rewardThreshold, false), factory);
  }
}
