package org.samdp.envs.mujoco;

import java.util.LinkedHashMap;
import java.util.Map;
import org.samdp.envs.Kwargs;
import org.samdp.envs.Step;

/**
 * Reacher (facts sheet A.7): move a two-link arm's fingertip to a random target. Observation: cos and sin of the two
 * arm angles, the target position, the arm velocities and fingertip − target (x, y, z; v5 drops z). Reward
 * {@code −‖fingertip − target‖ − Σ action²}; v4 measures the distance <em>before</em> the step, v5 after it and
 * weights both terms. Never terminates; the registration truncates after 50 steps.
 */
public final class ReacherEnv extends MuJoCoEnv {
  private static final double GOAL_RADIUS = 0.2;

  private final int version;
  private final double distanceWeight;
  private final double controlWeight;
  private final int fingertip;
  private final int target;

  /** {@code Reacher-v4} (no arguments) or {@code -v5} ({@code reward_dist_weight}, {@code reward_control_weight}). */
  public ReacherEnv(int version, Map<String, Object> kwargs) {
    super("reacher.xml", 2, m -> version == 4 ? 11 : 10);
    this.version = version;
    Kwargs args = version == 4 ? Kwargs.of("Reacher-v4", kwargs)
        : Kwargs.of("Reacher-v5", kwargs, "reward_dist_weight", "reward_control_weight");
    this.distanceWeight = args.getDouble("reward_dist_weight", 1.0);
    this.controlWeight = args.getDouble("reward_control_weight", 1.0);
    this.fingertip = model.bodyId("fingertip");
    this.target = model.bodyId("target");
  }

  @Override
  protected Step<double[]> stepModel(double[] action) {
    double distanceBefore = version == 4 ? distance() : Double.NaN;
    doSimulation(action);
    double[] obs = observation();
    double rewardDist;
    double rewardCtrl;
    if (version == 4) {
      rewardDist = -distanceBefore;
      rewardCtrl = -NumpySums.sumOfSquares(action);
    } else {
      rewardDist = -distance() * distanceWeight;
      rewardCtrl = -NumpySums.sumOfSquares(action) * controlWeight;
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("reward_dist", rewardDist);
    info.put("reward_ctrl", rewardCtrl);
    return new Step<>(obs, rewardDist + rewardCtrl, false, false, info);
  }

  /** ‖fingertip − target‖ over the bodies' frame positions ({@code get_body_com} in Gymnasium). */
  private double distance() {
    double sum = 0.0;
    for (int k = 0; k < 3; k++) {
      double d = data.xpos.get(3 * fingertip + k) - data.xpos.get(3 * target + k);
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  @Override
  protected double[] observation() {
    double[] obs = new double[version == 4 ? 11 : 10];
    double q0 = data.qpos.get(0);
    double q1 = data.qpos.get(1);
    obs[0] = Math.cos(q0);
    obs[1] = Math.cos(q1);
    obs[2] = Math.sin(q0);
    obs[3] = Math.sin(q1);
    obs[4] = data.qpos.get(2);
    obs[5] = data.qpos.get(3);
    obs[6] = data.qvel.get(0);
    obs[7] = data.qvel.get(1);
    for (int k = 0; k < obs.length - 8; k++) {
      obs[8 + k] = data.xpos.get(3 * fingertip + k) - data.xpos.get(3 * target + k);
    }
    return obs;
  }

  /** Arm angles U(±0.1) around rest, then a goal drawn uniformly in the disc of radius 0.2 by rejection. */
  @Override
  protected double[] resetModel() {
    double[] qpos = uniformNoise(initQpos, 0.1);
    double goalX;
    double goalY;
    do {
      goalX = npRandom().uniform(-GOAL_RADIUS, GOAL_RADIUS);
      goalY = npRandom().uniform(-GOAL_RADIUS, GOAL_RADIUS);
    } while (!(Math.sqrt(goalX * goalX + goalY * goalY) < GOAL_RADIUS));
    qpos[2] = goalX;
    qpos[3] = goalY;
    double[] qvel = uniformNoise(initQvel, 0.005);
    qvel[2] = 0.0;
    qvel[3] = 0.0;
    setState(qpos, qvel);
    return observation();
  }
}
