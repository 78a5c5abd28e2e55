package org.samdp.envs;

import java.util.Map;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;

/**
 * A tiny test env: a walker on a line starting at a seeded offset in [-0.5, 0.5); action 1 moves right by 1, action 0
 * left by 1; reward = the action; terminated when the rounded position reaches ±3 (exactly three steps in one direction).
 */
public class LineWalk extends BaseEnv<double[], Integer> {
  private final Box observationSpace = Box.uniform(-10, 10, new int[] {2}, org.samdp.envs.spaces.DType.FLOAT64);
  private final Discrete actionSpace = new Discrete(2);
  protected double position;
  private int steps;

  @Override
  protected Reset<double[]> resetEpisode(Map<String, Object> options) {
    position = npRandom().uniform(-0.5, 0.5);
    steps = 0;
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected Step<double[]> stepEpisode(Integer action) {
    position += action == 1 ? 1 : -1;
    steps++;
    return new Step<>(observation(), action, Math.abs(Math.rint(position)) >= 3, false, Map.of("steps", steps));
  }

  protected double[] observation() {
    return new double[] {position, steps};
  }

  @Override
  public Space<double[]> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }
}
