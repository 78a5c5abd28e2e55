package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Discrete;

/**
 * MountainCar-v0: an underpowered car in a valley must rock back and forth to reach the flag at p = 0.5. Actions
 * 0 (push left), 1 (coast), 2 (push right); reward −1 per step.
 */
public final class MountainCar extends MountainCarBase<Integer> {
  private static final double FORCE = 0.001;
  private static final double GOAL_POSITION = 0.5;

  private final Discrete actionSpace = new Discrete(3);

  /** The car with goal velocity 0. */
  public MountainCar() {
    this(0.0);
  }

  /** The car with a goal velocity: the least velocity at the flag that ends the episode ({@code goal_velocity}). */
  public MountainCar(double goalVelocity) {
    super(GOAL_POSITION, goalVelocity);
  }

  @Override
  protected Step<double[]> stepEpisode(Integer action) {
    move((action - 1) * FORCE);
    return new Step<>(observation(), -1.0, reachedGoal(), false, Map.of());
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }
}
