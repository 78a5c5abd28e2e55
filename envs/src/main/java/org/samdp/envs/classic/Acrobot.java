package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;

/**
 * Acrobot-v1: a two-link pendulum actuated only at the joint between the links; swing the tip above the bar.
 * State (θ1, θ2, θ̇1, θ̇2) with θ = 0 hanging down and θ2 relative to link 1, advanced by one classic RK4 step of
 * 0.2 s with the torque held constant ("book" dynamics). Actions 0, 1, 2 apply torque −1, 0, +1; reward −1 per step
 * and 0 on the terminating step.
 */
public final class Acrobot extends BaseEnv<double[], Integer> {
  private static final double DT = 0.2;
  private static final double LINK_LENGTH_1 = 1.0;
  private static final double LINK_MASS_1 = 1.0;
  private static final double LINK_MASS_2 = 1.0;
  /** Positions of the links' centres of mass. */
  private static final double LINK_COM_POS_1 = 0.5;
  private static final double LINK_COM_POS_2 = 0.5;
  /** Moments of inertia of the links. */
  private static final double LINK_MOI = 1.0;
  private static final double GRAVITY = 9.8;
  private static final double MAX_VEL_1 = 4 * Math.PI;
  private static final double MAX_VEL_2 = 9 * Math.PI;
  private static final double[] AVAILABLE_TORQUE = {-1.0, 0.0, 1.0};

  private final Box observationSpace = Box.symmetric(new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2});
  private final Discrete actionSpace = new Discrete(3);

  private double[] state = new double[4];

  @Override
  protected Reset<double[]> resetEpisode(Map<String, Object> options) {
    ResetRange range = ResetRange.fromOptions(spec().id(), options, -0.1, 0.1);
    // Gymnasium draws the four entries in float64 and stores them as float32. It then takes cos/sin of that float32
    // state in float32, which numpy may round 1 ulp off; we round the double cos/sin, so a reset observation can
    // differ from Gymnasium's by 1 float32 ulp in those entries.
    for (int i = 0; i < 4; i++) {
      state[i] = (float) npRandom().uniform(range.low(), range.high());
    }
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> stepEpisode(Integer action) {
    double torque = AVAILABLE_TORQUE[action];
    double[] next = rk4(state, torque);
    next[0] = wrap(next[0]);
    next[1] = wrap(next[1]);
    next[2] = Math.max(-MAX_VEL_1, Math.min(MAX_VEL_1, next[2]));
    next[3] = Math.max(-MAX_VEL_2, Math.min(MAX_VEL_2, next[3]));
    state = next;
    boolean terminated = -StrictMath.cos(state[0]) - StrictMath.cos(state[1] + state[0]) > 1.0;
    return new Step<>(observation(), terminated ? 0.0 : -1.0, terminated, false, Map.of());
  }

  /** One classic Runge-Kutta step of length {@link #DT}. */
  private static double[] rk4(double[] s, double torque) {
    double h = DT;
    double[] k1 = derivatives(s, torque);
    double[] k2 = derivatives(plus(s, h / 2, k1), torque);
    double[] k3 = derivatives(plus(s, h / 2, k2), torque);
    double[] k4 = derivatives(plus(s, h, k3), torque);
    double[] next = new double[4];
    for (int i = 0; i < 4; i++) {
      next[i] = s[i] + h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return next;
  }

  private static double[] plus(double[] s, double scale, double[] k) {
    double[] result = new double[4];
    for (int i = 0; i < 4; i++) {
      result[i] = s[i] + scale * k[i];
    }
    return result;
  }

  /** (θ̇1, θ̇2, θ̈1, θ̈2) of the book's equations of motion under a joint torque. */
  private static double[] derivatives(double[] s, double torque) {
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_POS_1;
    double lc2 = LINK_COM_POS_2;
    double i1 = LINK_MOI;
    double i2 = LINK_MOI;
    double g = GRAVITY;
    double theta1 = s[0];
    double theta2 = s[1];
    double dtheta1 = s[2];
    double dtheta2 = s[3];
    double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * StrictMath.cos(theta2)) + i1 + i2;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * StrictMath.cos(theta2)) + i2;
    double phi2 = m2 * lc2 * g * StrictMath.cos(theta1 + theta2 - Math.PI / 2);
    double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * StrictMath.sin(theta2)
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * StrictMath.sin(theta2)
        + (m1 * lc1 + m2 * l1) * g * StrictMath.cos(theta1 - Math.PI / 2) + phi2;
    double ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * StrictMath.sin(theta2) - phi2)
        / (m2 * (lc2 * lc2) + i2 - d2 * d2 / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
  }

  /** An angle brought into [−π, π] by whole turns. */
  private static double wrap(double angle) {
    double wrapped = angle;
    while (wrapped > Math.PI) {
      wrapped -= 2 * Math.PI;
    }
    while (wrapped < -Math.PI) {
      wrapped += 2 * Math.PI;
    }
    return wrapped;
  }

  private double[] observation() {
    return StateArrays.float32(StrictMath.cos(state[0]), StrictMath.sin(state[0]), StrictMath.cos(state[1]), StrictMath.sin(state[1]),
        state[2], state[3]);
  }

  /** Sets the state (θ1, θ2, θ̇1, θ̇2) directly, like assigning {@code env.unwrapped.state} in Gymnasium. */
  public void setState(double[] state) {
    this.state = StateArrays.checked(spec().id(), state, 4);
  }

  /** The state (θ1, θ2, θ̇1, θ̇2) in full precision. */
  public double[] state() {
    return state.clone();
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }
}
