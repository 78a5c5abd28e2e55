package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * HalfCheetah (facts sheet A.3): run forward. Observation {@code qpos[1:]} then {@code qvel}, unclipped; reward
 * {@code vx − 0.1·Σ action²}; never terminates.
 */
public final class HalfCheetahEnv extends LocomotionEnv {
  private final boolean excludePosition;

  /** {@code HalfCheetah-v4} or {@code -v5}. */
  public HalfCheetahEnv(int version, Map<String, Object> kwargs) {
    this(version, Kwargs.of("HalfCheetah-v" + version, kwargs, "forward_reward_weight", "ctrl_cost_weight",
        "reset_noise_scale", "exclude_current_positions_from_observation"));
  }

  private HalfCheetahEnv(int version, Kwargs kwargs) {
    super("half_cheetah.xml", 5, m -> m.nq() + m.nv() - (excludePosition(kwargs) ? 1 : 0), version, new Weights(
        kwargs.getDouble("forward_reward_weight", 1.0),
        kwargs.getDouble("ctrl_cost_weight", 0.1),
        0.0,
        false,
        kwargs.getDouble("reset_noise_scale", 0.1)));
    this.excludePosition = excludePosition(kwargs);
  }

  private static boolean excludePosition(Kwargs kwargs) {
    return kwargs.getBoolean("exclude_current_positions_from_observation", true);
  }

  @Override
  protected double[] trackedPosition() {
    return new double[] {data.qpos.get(0)};
  }

  @Override
  protected double[] observation() {
    return positionsAndVelocities(excludePosition ? 1 : 0, Double.POSITIVE_INFINITY, 0);
  }

  /** Normal velocity noise, as Gymnasium draws it for this env. */
  @Override
  protected double[] velocityNoise() {
    return normalNoise(initQvel, resetNoiseScale);
  }

  @Override
  protected Map<String, Object> resetInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    if (version == 5) {
      info.put("x_position", data.qpos.get(0));
    }
    return info;
  }

  @Override
  protected Map<String, Object> stepInfo(double[] position, double[] velocity, Terms terms) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("x_position", position[0]);
    info.put("x_velocity", velocity[0]);
    info.put(version == 4 ? "reward_run" : "reward_forward", terms.forward());
    info.put("reward_ctrl", -terms.ctrlCost());
    return info;
  }
}
