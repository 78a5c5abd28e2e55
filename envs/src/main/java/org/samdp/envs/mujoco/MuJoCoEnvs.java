package org.samdp.envs.mujoco;

import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;

/**
 * Registers the MuJoCo envs under their Gymnasium ids, v4 and v5, with Gymnasium's time limits and reward
 * thresholds. Registration loads nothing native; the library is loaded when the first env is made.
 */
public final class MuJoCoEnvs {
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
  }

  private static void register(String id, int maxEpisodeSteps, double rewardThreshold, EnvRegistry.Factory factory) {
    EnvRegistry.register(new EnvSpec(id, maxEpisodeSteps, rewardThreshold, false), factory);
  }
}
