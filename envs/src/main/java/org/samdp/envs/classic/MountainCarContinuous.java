package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * MountainCarContinuous-v0: the mountain car with a force a ∈ [−1, 1]; the flag is at p = 0.45. Reward 100 on
 * reaching it, minus 0.1 a² on every step. The state is stored as float32 after every step (the reset state is
 * float64, as in Gymnasium).
 */
public final class MountainCarContinuous extends MountainCarBase<double[]> {
  private static final double MIN_ACTION = -1.0;
  private static final double MAX_ACTION = 1.0;
  private static final double POWER = 0.0015;
  private static final double GOAL_POSITION = 0.45;

  private final Box actionSpace = Box.uniform(MIN_ACTION, MAX_ACTION, new int[] {1}, DType.FLOAT32);

  /** The car with goal velocity 0. */
  public MountainCarContinuous() {
    this(0.0);
  }

  /** The car with a goal velocity: the least velocity at the flag that ends the episode ({@code goal_velocity}). */
  public MountainCarContinuous(double goalVelocity) {
    super(GOAL_POSITION, goalVelocity);
  }

  @Override
  protected Step<double[]> stepEpisode(double[] action) {
    double force = Math.max(MIN_ACTION, Math.min(MAX_ACTION, action[0]));
    move(force * POWER);
    // Gymnasium keeps this state in float32, so the goal test below sees the rounded state.
    position = (float) position;
    velocity = (float) velocity;
    boolean terminated = reachedGoal();
    // The control cost uses the action as given, before the clip.
    double reward = (terminated ? 100.0 : 0.0) - action[0] * action[0] * 0.1;
    return new Step<>(observation(), reward, terminated, false, Map.of());
  }

  @Override
  public Box actionSpace() {
    return actionSpace;
  }
}
