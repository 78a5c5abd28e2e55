package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * Hopper and Walker2d (facts sheet A.1, A.2): planar robots on three root joints (x slide, z slide, y hinge) that are
 * rewarded for forward speed and stay alive while the torso is high and upright enough.
 *
 * <p>Observation: {@code qpos[1:]} (all of qpos with {@code exclude_current_positions_from_observation=false}), then
 * {@code qvel} clipped to ±10. The two robots differ only in their model and health rule.
 */
public final class PlanarWalkerEnv extends LocomotionEnv {
  private static final double VELOCITY_CLIP = 10.0;

  /** The health rule: open intervals on the torso height and angle, and optionally on every other state entry. */
  private record Health(double minZ, double maxZ, double minAngle, double maxAngle, boolean checkState,
      double minState, double maxState) {}

  private final Health health;
  private final boolean excludePosition;

  private PlanarWalkerEnv(String model, int version, Kwargs kwargs, Health health) {
    super(model, 4, m -> m.nq() + m.nv() - (excludePosition(kwargs) ? 1 : 0), version, new Weights(
        kwargs.getDouble("forward_reward_weight", 1.0),
        kwargs.getDouble("ctrl_cost_weight", 1e-3),
        kwargs.getDouble("healthy_reward", 1.0),
        kwargs.getBoolean("terminate_when_unhealthy", true),
        kwargs.getDouble("reset_noise_scale", 5e-3)));
    this.health = health;
    this.excludePosition = excludePosition(kwargs);
  }

  /** {@code Hopper-v4} or {@code Hopper-v5}. */
  public static PlanarWalkerEnv hopper(int version, Map<String, Object> kwargs) {
    return new PlanarWalkerEnv("hopper.xml", version, kwargs(version == 4 ? "Hopper-v4" : "Hopper-v5", kwargs),
        new Health(0.7, Double.POSITIVE_INFINITY, -0.2, 0.2, true, -100.0, 100.0));
  }

  /** {@code Walker2d-v4} or {@code Walker2d-v5} (v5's model gives the right foot the left one's friction). */
  public static PlanarWalkerEnv walker2d(int version, Map<String, Object> kwargs) {
    return new PlanarWalkerEnv(version == 4 ? "walker2d.xml" : "walker2d_v5.xml", version,
        kwargs(version == 4 ? "Walker2d-v4" : "Walker2d-v5", kwargs),
        new Health(0.8, 2.0, -1.0, 1.0, false, 0, 0));
  }

  private static Kwargs kwargs(String id, Map<String, Object> kwargs) {
    return Kwargs.of(id, kwargs, "forward_reward_weight", "ctrl_cost_weight", "healthy_reward",
        "terminate_when_unhealthy", "reset_noise_scale", "exclude_current_positions_from_observation");
  }

  private static boolean excludePosition(Kwargs kwargs) {
    return kwargs.getBoolean("exclude_current_positions_from_observation", true);
  }

  @Override
  protected double[] trackedPosition() {
    return new double[] {data.qpos.get(0)};
  }

  @Override
  protected boolean isHealthy() {
    double z = data.qpos.get(1);
    double angle = data.qpos.get(2);
    if (!(health.minZ() < z && z < health.maxZ() && health.minAngle() < angle && angle < health.maxAngle())) {
      return false;
    }
    if (health.checkState()) {
      for (int i = 2; i < model.nq(); i++) {
        if (!inOpenRange(data.qpos.get(i))) {
          return false;
        }
      }
      for (int i = 0; i < model.nv(); i++) {
        if (!inOpenRange(data.qvel.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean inOpenRange(double value) {
    return health.minState() < value && value < health.maxState();
  }

  @Override
  protected double[] observation() {
    return positionsAndVelocities(excludePosition ? 1 : 0, VELOCITY_CLIP, 0);
  }

  @Override
  protected Map<String, Object> resetInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    if (version == 5) {
      info.put("x_position", data.qpos.get(0));
      info.put("z_distance_from_origin", data.qpos.get(1) - initQpos[1]);
    }
    return info;
  }

  @Override
  protected Map<String, Object> stepInfo(double[] position, double[] velocity, Terms terms) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("x_position", position[0]);
    if (version == 5) {
      info.put("z_distance_from_origin", data.qpos.get(1) - initQpos[1]);
    }
    info.put("x_velocity", velocity[0]);
    if (version == 5) {
      info.put("reward_forward", terms.forward());
      info.put("reward_ctrl", -terms.ctrlCost());
      info.put("reward_survive", terms.healthy());
    }
    return info;
  }
}
