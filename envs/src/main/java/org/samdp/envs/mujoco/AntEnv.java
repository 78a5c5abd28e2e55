package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * Ant (facts sheet A.4): walk forward on four legs. Observation {@code qpos[2:]} then {@code qvel}, then the external
 * contact forces clipped to ±1: all 14 bodies in v4 when {@code use_contact_forces} is set, the 13 non-world bodies in
 * v5 by default. Reward {@code vx + 1 − 0.5·Σ action² − 5e-4·Σ clip(cfrc_ext)²} (v4 subtracts the contact cost only
 * with {@code use_contact_forces}); healthy while the state is finite and {@code 0.2 ≤ z ≤ 1}.
 *
 * <p>The velocity is the finite difference of the torso's frame position {@code xpos}, which lags the final
 * {@code qpos} by one physics step, as in Gymnasium.
 */
public final class AntEnv extends LocomotionEnv {
  private static final double MIN_Z = 0.2;
  private static final double MAX_Z = 1.0;
  private static final double CONTACT_FORCE_LIMIT = 1.0;

  private final boolean excludePosition;
  /** Whether the contact forces are observed, and from which body on (0 in v4, 1 in v5: the world row is dropped). */
  private final boolean observeContacts;
  private final int firstObservedBody;
  private final boolean contactCostApplies;
  private final double contactCostWeight;
  private final int torso;

  /** {@code Ant-v4} or {@code -v5}. */
  public AntEnv(int version, Map<String, Object> kwargs) {
    this(version, version == 4
        ? Kwargs.of("Ant-v4", kwargs, "ctrl_cost_weight", "use_contact_forces", "contact_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "reset_noise_scale",
            "exclude_current_positions_from_observation")
        : Kwargs.of("Ant-v5", kwargs, "forward_reward_weight", "ctrl_cost_weight", "contact_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "reset_noise_scale",
            "exclude_current_positions_from_observation", "include_cfrc_ext_in_observation"));
  }

  private AntEnv(int version, Kwargs kwargs) {
    super("ant.xml", 5, m -> observationSize(m, version, kwargs), version, new Weights(
        kwargs.getDouble("forward_reward_weight", 1.0),
        kwargs.getDouble("ctrl_cost_weight", 0.5),
        kwargs.getDouble("healthy_reward", 1.0),
        kwargs.getBoolean("terminate_when_unhealthy", true),
        kwargs.getDouble("reset_noise_scale", 0.1)));
    this.excludePosition = kwargs.getBoolean("exclude_current_positions_from_observation", true);
    this.observeContacts = observesContacts(version, kwargs);
    this.firstObservedBody = version == 4 ? 0 : 1;
    this.contactCostApplies = version == 5 || kwargs.getBoolean("use_contact_forces", false);
    this.contactCostWeight = kwargs.getDouble("contact_cost_weight", 5e-4);
    this.torso = model.bodyId("torso");
  }

  private static boolean observesContacts(int version, Kwargs kwargs) {
    return version == 4 ? kwargs.getBoolean("use_contact_forces", false)
        : kwargs.getBoolean("include_cfrc_ext_in_observation", true);
  }

  private static int observationSize(MjModel m, int version, Kwargs kwargs) {
    int size = m.nq() + m.nv() - (kwargs.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0);
    if (observesContacts(version, kwargs)) {
      size += (m.nbody() - (version == 4 ? 0 : 1)) * 6;
    }
    return size;
  }

  @Override
  protected double[] trackedPosition() {
    return new double[] {data.xpos.get(3 * torso), data.xpos.get(3 * torso + 1)};
  }

  @Override
  protected boolean isHealthy() {
    for (int i = 0; i < model.nq(); i++) {
      if (!Double.isFinite(data.qpos.get(i))) {
        return false;
      }
    }
    for (int i = 0; i < model.nv(); i++) {
      if (!Double.isFinite(data.qvel.get(i))) {
        return false;
      }
    }
    double z = data.qpos.get(2);
    return MIN_Z <= z && z <= MAX_Z;
  }

  @Override
  protected double contactCost() {
    return contactCostApplies ? contactCostWeight * NumpySums.sumOfSquares(clippedContactForces()) : 0.0;
  }

  /** {@code clip(cfrc_ext, −1, 1)}, all bodies (the world row included), row-major. */
  private double[] clippedContactForces() {
    double[] forces = new double[model.nbody() * 6];
    for (int i = 0; i < forces.length; i++) {
      forces[i] = Math.max(-CONTACT_FORCE_LIMIT, Math.min(CONTACT_FORCE_LIMIT, data.cfrcExt.get(i)));
    }
    return forces;
  }

  @Override
  protected double[] observation() {
    int contacts = observeContacts ? (model.nbody() - firstObservedBody) * 6 : 0;
    double[] obs = positionsAndVelocities(excludePosition ? 2 : 0, Double.POSITIVE_INFINITY, contacts);
    if (observeContacts) {
      double[] forces = clippedContactForces();
      System.arraycopy(forces, firstObservedBody * 6, obs, obs.length - contacts, contacts);
    }
    return obs;
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
      putQposPosition(info);
    }
    return info;
  }

  @Override
  protected Map<String, Object> stepInfo(double[] position, double[] velocity, Terms terms) {
    Map<String, Object> info = new LinkedHashMap<>();
    if (version == 4) {
      info.put("x_position", position[0]);
      info.put("y_position", position[1]);
      info.put("distance_from_origin", Math.sqrt(position[0] * position[0] + position[1] * position[1]));
    } else {
      putQposPosition(info);
    }
    info.put("x_velocity", velocity[0]);
    info.put("y_velocity", velocity[1]);
    info.put("reward_forward", terms.forward());
    info.put("reward_ctrl", -terms.ctrlCost());
    info.put("reward_survive", terms.healthy());
    if (version == 4) {
      info.put("forward_reward", terms.forward());
      if (contactCostApplies) {
        // Gymnasium's Ant-v4 reports the contact cost under reward_ctrl when contact forces are used.
        info.put("reward_ctrl", -terms.contactCost());
      }
    } else {
      info.put("reward_contact", -terms.contactCost());
    }
    return info;
  }

  /** v5 reports the position from qpos (the free joint), not from the torso's lagging frame position. */
  private void putQposPosition(Map<String, Object> info) {
    double x = data.qpos.get(0);
    double y = data.qpos.get(1);
    info.put("x_position", x);
    info.put("y_position", y);
    info.put("distance_from_origin", Math.sqrt(x * x + y * y));
  }
}
