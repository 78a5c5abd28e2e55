package org.samdp.envs.mujoco;

import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * Humanoid (facts sheet A.5): walk forward without falling. Observation {@code qpos[2:]}, {@code qvel}, then MuJoCo's
 * {@code cinert}, {@code cvel}, {@code qfrc_actuator} and {@code cfrc_ext} as laid out in mjData (v4: all rows, 376
 * entries; v5: without the world rows and the free joint's six actuator forces, 348 entries, each block optional).
 * Reward {@code 1.25·vx + 5 − 0.1·Σ ctrl²} (v5 also subtracts {@code min(5e-7·Σ cfrc_ext², 10)}); healthy while
 * {@code 1 < z < 2}.
 *
 * <p>The velocity is that of the mass-weighted mean of the bodies' {@code xipos}, which lag the final {@code qpos} by
 * one physics step, as in Gymnasium.
 */
public final class HumanoidEnv extends LocomotionEnv {
  private static final double MIN_Z = 1.0;
  private static final double MAX_Z = 2.0;
  private static final double MAX_CONTACT_COST = 10.0;

  /** Which mjData blocks the observation holds, after {@code qpos[skip:]} and {@code qvel}. */
  private record Blocks(boolean cinert, boolean cvel, boolean qfrcActuator, boolean cfrcExt) {}

  private final boolean excludePosition;
  private final Blocks blocks;
  private final double contactCostWeight;
  private final double[] bodyMass;
  private final double totalMass;

  /** {@code Humanoid-v4} or {@code -v5}. */
  public HumanoidEnv(int version, Map<String, Object> kwargs) {
    this(version, version == 4
        ? Kwargs.of("Humanoid-v4", kwargs, "forward_reward_weight", "ctrl_cost_weight", "healthy_reward",
            "terminate_when_unhealthy", "reset_noise_scale", "exclude_current_positions_from_observation")
        : Kwargs.of("Humanoid-v5", kwargs, "forward_reward_weight", "ctrl_cost_weight", "contact_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "reset_noise_scale",
            "exclude_current_positions_from_observation", "include_cinert_in_observation",
            "include_cvel_in_observation", "include_qfrc_actuator_in_observation",
            "include_cfrc_ext_in_observation"));
  }

  private HumanoidEnv(int version, Kwargs kwargs) {
    super("humanoid.xml", 5, m -> observationSize(m, version, kwargs), version, new Weights(
        kwargs.getDouble("forward_reward_weight", 1.25),
        kwargs.getDouble("ctrl_cost_weight", 0.1),
        kwargs.getDouble("healthy_reward", 5.0),
        kwargs.getBoolean("terminate_when_unhealthy", true),
        kwargs.getDouble("reset_noise_scale", 1e-2)));
    this.excludePosition = kwargs.getBoolean("exclude_current_positions_from_observation", true);
    this.blocks = blocks(kwargs);
    this.contactCostWeight = version == 5 ? kwargs.getDouble("contact_cost_weight", 5e-7) : 0.0;
    this.bodyMass = model.bodyMass();
    this.totalMass = NumpySums.sum(bodyMass);
  }

  private static Blocks blocks(Kwargs kwargs) {
    return new Blocks(kwargs.getBoolean("include_cinert_in_observation", true),
        kwargs.getBoolean("include_cvel_in_observation", true),
        kwargs.getBoolean("include_qfrc_actuator_in_observation", true),
        kwargs.getBoolean("include_cfrc_ext_in_observation", true));
  }

  private static int observationSize(MjModel m, int version, Kwargs kwargs) {
    Blocks blocks = blocks(kwargs);
    int skipBody = version == 4 ? 0 : 1;
    int bodies = m.nbody() - skipBody;
    int size = m.nq() + m.nv() - (kwargs.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0);
    size += blocks.cinert() ? bodies * 10 : 0;
    size += blocks.cvel() ? bodies * 6 : 0;
    size += blocks.qfrcActuator() ? m.nv() - (version == 4 ? 0 : 6) : 0;
    size += blocks.cfrcExt() ? bodies * 6 : 0;
    return size;
  }

  /** The x, y of the centre of mass: Σ mass·xipos / Σ mass, summed body by body as numpy's einsum does. */
  @Override
  protected double[] trackedPosition() {
    double x = 0.0;
    double y = 0.0;
    for (int b = 0; b < bodyMass.length; b++) {
      x += bodyMass[b] * data.xipos.get(3 * b);
      y += bodyMass[b] * data.xipos.get(3 * b + 1);
    }
    return new double[] {x / totalMass, y / totalMass};
  }

  @Override
  protected boolean isHealthy() {
    double z = data.qpos.get(2);
    return MIN_Z < z && z < MAX_Z;
  }

  /** Humanoid's control cost reads {@code ctrl}, which holds the action as given (MuJoCo clamps it internally). */
  @Override
  protected double ctrlCost(double[] action) {
    return ctrlCostWeight * NumpySums.sumOfSquares(data.ctrl());
  }

  @Override
  protected double contactCost() {
    if (contactCostWeight == 0.0) {
      return 0.0;
    }
    return Math.min(contactCostWeight * NumpySums.sumOfSquares(data.cfrcExt()), MAX_CONTACT_COST);
  }

  @Override
  protected double[] observation() {
    int skipBody = version == 4 ? 0 : 1;
    int nbody = model.nbody();
    int extra = observationSpace().shape()[0] - (model.nq() - (excludePosition ? 2 : 0) + model.nv());
    double[] obs = positionsAndVelocities(excludePosition ? 2 : 0, Double.POSITIVE_INFINITY, extra);
    int at = obs.length - extra;
    if (blocks.cinert()) {
      at = copy(data.cinert, skipBody * 10, nbody * 10, obs, at);
    }
    if (blocks.cvel()) {
      at = copy(data.cvel, skipBody * 6, nbody * 6, obs, at);
    }
    if (blocks.qfrcActuator()) {
      at = copy(data.qfrcActuator, version == 4 ? 0 : 6, model.nv(), obs, at);
    }
    if (blocks.cfrcExt()) {
      copy(data.cfrcExt, skipBody * 6, nbody * 6, obs, at);
    }
    return obs;
  }

  private static int copy(DoubleBuffer source, int from, int to, double[] target, int at) {
    source.get(from, target, at, to - from);
    return at + to - from;
  }

  @Override
  protected Map<String, Object> resetInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    if (version == 5) {
      putPositionAndTendons(info);
    }
    return info;
  }

  @Override
  protected Map<String, Object> stepInfo(double[] position, double[] velocity, Terms terms) {
    Map<String, Object> info = new LinkedHashMap<>();
    if (version == 4) {
      info.put("reward_linvel", terms.forward());
      info.put("reward_quadctrl", -terms.ctrlCost());
      info.put("reward_alive", terms.healthy());
      info.put("x_position", position[0]);
      info.put("y_position", position[1]);
      info.put("distance_from_origin", Math.sqrt(position[0] * position[0] + position[1] * position[1]));
      info.put("x_velocity", velocity[0]);
      info.put("y_velocity", velocity[1]);
      info.put("forward_reward", terms.forward());
    } else {
      putPositionAndTendons(info);
      info.put("x_velocity", velocity[0]);
      info.put("y_velocity", velocity[1]);
      info.put("reward_survive", terms.healthy());
      info.put("reward_forward", terms.forward());
      info.put("reward_ctrl", -terms.ctrlCost());
      info.put("reward_contact", -terms.contactCost());
    }
    return info;
  }

  /** v5's position info: the free joint's x, y (not the centre of mass), and the tendon lengths and velocities. */
  private void putPositionAndTendons(Map<String, Object> info) {
    double x = data.qpos.get(0);
    double y = data.qpos.get(1);
    info.put("x_position", x);
    info.put("y_position", y);
    info.put("tendon_length", copyOf(data.tenLength));
    info.put("tendon_velocity", copyOf(data.tenVelocity));
    info.put("distance_from_origin", Math.sqrt(x * x + y * y));
  }

  private static double[] copyOf(DoubleBuffer buffer) {
    double[] values = new double[buffer.capacity()];
    buffer.get(0, values);
    return values;
  }
}
