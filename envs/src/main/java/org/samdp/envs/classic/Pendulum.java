package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Kwargs;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * Pendulum-v1: swing a pendulum up and hold it upright with a bounded torque. State (θ, θ̇) in float64 with θ = 0
 * upright, integrated with semi-implicit Euler; observation (cos θ, sin θ, θ̇); reward −(θ² + 0.1 θ̇² + 0.001 u²) with
 * θ wrapped into [−π, π). It never terminates; the registered time limit ends it.
 */
public final class Pendulum extends BaseEnv<double[], double[]> {
  /** Gymnasium's default gravity, a constructor argument ({@code g}). */
  public static final double DEFAULT_GRAVITY = 10.0;
  private static final double MAX_SPEED = 8.0;
  private static final double MAX_TORQUE = 2.0;
  private static final double DT = 0.05;
  private static final double MASS = 1.0;
  private static final double LENGTH = 1.0;
  // Default half-widths of the reset distribution of θ and θ̇ (options x_init and y_init).
  private static final double DEFAULT_X_INIT = Math.PI;
  private static final double DEFAULT_Y_INIT = 1.0;

  private final double g;
  private final Box observationSpace = Box.symmetric(new double[] {1.0, 1.0, MAX_SPEED});
  private final Box actionSpace = Box.uniform(-MAX_TORQUE, MAX_TORQUE, new int[] {1}, DType.FLOAT32);

  private double theta;
  private double thetaDot;

  /** Pendulum with g = 10. */
  public Pendulum() {
    this(DEFAULT_GRAVITY);
  }

  /** Pendulum under gravity {@code g} (Gymnasium's constructor argument {@code g}); must be finite. */
  public Pendulum(double g) {
    if (!Double.isFinite(g)) {
      throw new IllegalArgumentException("Pendulum: g must be finite, got " + g);
    }
    this.g = g;
  }

  @Override
  protected Reset<double[]> resetEpisode(Map<String, Object> options) {
    Kwargs kwargs = Kwargs.of(spec().id() + " reset", options, "x_init", "y_init");
    double xInit = halfWidth("x_init", kwargs.getDouble("x_init", DEFAULT_X_INIT));
    double yInit = halfWidth("y_init", kwargs.getDouble("y_init", DEFAULT_Y_INIT));
    theta = npRandom().uniform(-xInit, xInit);
    thetaDot = npRandom().uniform(-yInit, yInit);
    return new Reset<>(observation(), Map.of());
  }

  private double halfWidth(String option, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(spec().id() + ": reset option " + option
          + " is a half-width and must be finite and >= 0, got " + value);
    }
    return value;
  }

  @Override
  protected Step<double[]> stepEpisode(double[] action) {
    double u = Math.max(-MAX_TORQUE, Math.min(MAX_TORQUE, action[0]));
    // The cost is that of the state the action is taken in.
    double angle = angleNormalize(theta);
    double cost = angle * angle + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);

    // Semi-implicit Euler: the new velocity (clipped) moves the angle.
    double newThetaDot = thetaDot + (3 * g / (2 * LENGTH) * StrictMath.sin(theta) + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
    newThetaDot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newThetaDot));
    theta = theta + newThetaDot * DT;
    thetaDot = newThetaDot;
    return new Step<>(observation(), -cost, false, false, Map.of());
  }

  /** θ wrapped into [−π, π) with a floored modulo, as Python's {@code %} does. */
  static double angleNormalize(double x) {
    double wrapped = (x + Math.PI) % (2 * Math.PI);
    if (wrapped < 0) {
      wrapped += 2 * Math.PI;
    }
    return wrapped - Math.PI;
  }

  private double[] observation() {
    return StateArrays.float32(StrictMath.cos(theta), StrictMath.sin(theta), thetaDot);
  }

  /** The gravitational acceleration this pendulum swings under. */
  public double g() {
    return g;
  }

  /** Sets the state (θ, θ̇) directly, like assigning {@code env.unwrapped.state} in Gymnasium. */
  public void setState(double[] state) {
    double[] s = StateArrays.checked(spec().id(), state, 2);
    theta = s[0];
    thetaDot = s[1];
  }

  /** The state (θ, θ̇) in full precision; θ is not wrapped. */
  public double[] state() {
    return new double[] {theta, thetaDot};
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Box actionSpace() {
    return actionSpace;
  }
}
