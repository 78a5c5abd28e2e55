package org.samdp.envs.classic;

import java.lang.System.Logger.Level;
import java.util.Map;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;

/**
 * CartPole-v1 (and v0): a pole hinged on a cart that is pushed left or right; keep the pole up and the cart on the
 * track. State (x, ẋ, θ, θ̇) in float64, integrated with explicit Euler; actions 0 (push left) and 1 (push right).
 * Reward +1 per step including the terminating one, or with {@code suttonBartoReward} 0 per step and −1 on
 * termination. Stepping on after termination gives 0 (−1 with {@code suttonBartoReward}) and logs a warning once.
 */
public final class CartPole extends BaseEnv<double[], Integer> {
  private static final System.Logger LOG = System.getLogger(CartPole.class.getName());

  private static final double GRAVITY = 9.8;
  private static final double MASS_CART = 1.0;
  private static final double MASS_POLE = 0.1;
  private static final double TOTAL_MASS = MASS_CART + MASS_POLE;
  /** Half the pole's length. */
  private static final double LENGTH = 0.5;
  private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
  private static final double FORCE_MAG = 10.0;
  private static final double TAU = 0.02;
  /** The episode ends when |x| or |θ| strictly exceeds these. */
  private static final double X_THRESHOLD = 2.4;
  private static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;

  private final boolean suttonBartoReward;
  // Twice the termination thresholds, so that a terminal observation is still inside the space.
  private final Box observationSpace =
      Box.symmetric(new double[] {2 * X_THRESHOLD, Double.POSITIVE_INFINITY, 2 * THETA_THRESHOLD_RADIANS,
          Double.POSITIVE_INFINITY});
  private final Discrete actionSpace = new Discrete(2);

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;
  // Steps taken since the episode terminated: -1 while it runs, so that the first extra step can warn.
  private int stepsBeyondTerminated = -1;

  /** CartPole with the +1-per-step reward. */
  public CartPole() {
    this(false);
  }

  /** CartPole with Sutton and Barto's reward when {@code suttonBartoReward}: 0 per step, −1 on termination. */
  public CartPole(boolean suttonBartoReward) {
    this.suttonBartoReward = suttonBartoReward;
  }

  @Override
  protected Reset<double[]> resetEpisode(Map<String, Object> options) {
    ResetRange range = ResetRange.fromOptions(spec().id(), options, -0.05, 0.05);
    // Gymnasium draws uniform(low, high, size=(4,)): four consecutive draws in state order.
    x = npRandom().uniform(range.low(), range.high());
    xDot = npRandom().uniform(range.low(), range.high());
    theta = npRandom().uniform(range.low(), range.high());
    thetaDot = npRandom().uniform(range.low(), range.high());
    stepsBeyondTerminated = -1;
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> stepEpisode(Integer action) {
    double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    double cosTheta = StrictMath.cos(theta);
    double sinTheta = StrictMath.sin(theta);
    double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
    double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
        / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
    double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;

    // Explicit Euler: every update reads the values from before the step.
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;

    boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
        || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
    double reward;
    if (!terminated) {
      reward = suttonBartoReward ? 0.0 : 1.0;
    } else if (stepsBeyondTerminated < 0) {
      stepsBeyondTerminated = 0;
      reward = suttonBartoReward ? -1.0 : 1.0;
    } else {
      if (stepsBeyondTerminated == 0) {
        LOG.log(Level.WARNING, "{0}: step() called after the episode terminated; call reset(), further steps are "
            + "undefined behaviour", spec().id());
      }
      stepsBeyondTerminated++;
      reward = suttonBartoReward ? -1.0 : 0.0;
    }
    return new Step<>(observation(), reward, terminated, false, Map.of());
  }

  private double[] observation() {
    return StateArrays.float32(x, xDot, theta, thetaDot);
  }

  /** Sets the state (x, ẋ, θ, θ̇) directly, like assigning {@code env.unwrapped.state} in Gymnasium. */
  public void setState(double[] state) {
    double[] s = StateArrays.checked(spec().id(), state, 4);
    x = s[0];
    xDot = s[1];
    theta = s[2];
    thetaDot = s[3];
  }

  /** The state (x, ẋ, θ, θ̇) in full precision. */
  public double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
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
