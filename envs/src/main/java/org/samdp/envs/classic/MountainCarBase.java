package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Reset;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * What the two mountain cars share: the valley, the position and speed limits, the reset, and one step of the car
 * under a given acceleration. Subclasses turn their action into that acceleration and decide the reward.
 *
 * @param <A> the action type ({@code Integer} for the discrete car, {@code double[]} for the continuous one)
 */
public abstract sealed class MountainCarBase<A> extends BaseEnv<double[], A>
    permits MountainCar, MountainCarContinuous {
  private static final double MIN_POSITION = -1.2;
  private static final double MAX_POSITION = 0.6;
  private static final double MAX_SPEED = 0.07;
  private static final double GRAVITY = 0.0025;

  private final double goalPosition;
  private final double goalVelocity;
  private final Box observationSpace =
      new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED}, DType.FLOAT32);

  /** Position p of the car (the valley's bottom is near −0.52). */
  protected double position;
  /** Velocity v of the car. */
  protected double velocity;

  MountainCarBase(double goalPosition, double goalVelocity) {
    if (!Double.isFinite(goalVelocity)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": goal_velocity must be finite, got "
          + goalVelocity);
    }
    this.goalPosition = goalPosition;
    this.goalVelocity = goalVelocity;
  }

  @Override
  protected final Reset<double[]> resetEpisode(Map<String, Object> options) {
    ResetRange range = ResetRange.fromOptions(spec().id(), options, -0.6, -0.4);
    position = npRandom().uniform(range.low(), range.high());
    velocity = 0;
    return new Reset<>(observation(), Map.of());
  }

  /** One step of the car: gravity along the track plus {@code acceleration}, speed and position limits, the wall. */
  protected final void move(double acceleration) {
    velocity += acceleration - GRAVITY * StrictMath.cos(3 * position);
    velocity = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, velocity));
    position += velocity;
    position = Math.max(MIN_POSITION, Math.min(MAX_POSITION, position));
    // The left wall is inelastic: the car stops there instead of bouncing.
    if (position == MIN_POSITION && velocity < 0) {
      velocity = 0;
    }
  }

  /** True once the car is at or past the goal and not rolling back (both comparisons non-strict). */
  protected final boolean reachedGoal() {
    return position >= goalPosition && velocity >= goalVelocity;
  }

  /** The state as a float32 observation (p, v). */
  protected final double[] observation() {
    return StateArrays.float32(position, velocity);
  }

  /** Sets the state (p, v) directly, like assigning {@code env.unwrapped.state} in Gymnasium. */
  public final void setState(double[] state) {
    double[] s = StateArrays.checked(spec().id(), state, 2);
    position = s[0];
    velocity = s[1];
  }

  /** The state (p, v) in full precision. */
  public final double[] state() {
    return new double[] {position, velocity};
  }

  @Override
  public final Box observationSpace() {
    return observationSpace;
  }
}
