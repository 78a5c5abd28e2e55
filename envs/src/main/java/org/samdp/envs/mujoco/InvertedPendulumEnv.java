package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;
import org.samdp.envs.Step;

/**
 * InvertedPendulum (facts sheet A.6): keep the pole within 0.2 rad of upright by pushing the cart. Observation
 * {@code [qpos, qvel]}; reward 1 per step (v5: 0 on the terminating step); terminated when the observation is not
 * finite or the pole angle exceeds 0.2 rad.
 */
public final class InvertedPendulumEnv extends MuJoCoEnv {
  private static final double MAX_ANGLE = 0.2;

  private final int version;
  private final double resetNoiseScale;

  /** {@code InvertedPendulum-v4} (no arguments) or {@code -v5} ({@code reset_noise_scale}, default 0.01). */
  public InvertedPendulumEnv(int version, Map<String, Object> kwargs) {
    super("inverted_pendulum.xml", 2, m -> m.nq() + m.nv());
    this.version = version;
    Kwargs args = version == 4 ? Kwargs.of("InvertedPendulum-v4", kwargs)
        : Kwargs.of("InvertedPendulum-v5", kwargs, "reset_noise_scale");
    this.resetNoiseScale = args.getDouble("reset_noise_scale", 0.01);
  }

  @Override
  protected double[] observation() {
    double[] obs = new double[model.nq() + model.nv()];
    data.qpos.get(0, obs, 0, model.nq());
    data.qvel.get(0, obs, model.nq(), model.nv());
    return obs;
  }

  @Override
  protected Step<double[]> stepModel(double[] action) {
    doSimulation(action);
    double[] obs = observation();
    boolean terminated = Math.abs(obs[1]) > MAX_ANGLE;
    for (double value : obs) {
      terminated |= !Double.isFinite(value);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    double reward = 1.0;
    if (version == 5) {
      reward = terminated ? 0.0 : 1.0;
      info.put("reward_survive", reward);
    }
    return new Step<>(obs, reward, terminated, false, info);
  }

  @Override
  protected double[] resetModel() {
    setState(uniformNoise(initQpos, resetNoiseScale), uniformNoise(initQvel, resetNoiseScale));
    return observation();
  }
}
