package org.samdp.envs.wrappers;

import java.util.Arrays;
import org.samdp.envs.Env;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Space;

/**
 * Keeps some coordinates of every flat Box observation, in the order given, and drops the others: a partially
 * observable variant of a task (CartPole without its velocities, {@code CartPoleNoVel-v1}).
 */
public final class SelectObservation<A> extends ObservationWrapper<A> {
  private final int[] kept;
  private final Box space;

  /**
   * @param kept the indices of the coordinates to keep, each once
   * @throws IllegalArgumentException for a non-Box or non-flat space, or indices out of range or repeated
   */
  public SelectObservation(Env<double[], A> env, int... kept) {
    super(env);
    if (!(env.observationSpace() instanceof Box box) || box.shape().length != 1) {
      throw new IllegalArgumentException("SelectObservation needs a flat Box observation space, got "
          + env.observationSpace());
    }
    int size = box.shape()[0];
    if (kept.length == 0 || Arrays.stream(kept).anyMatch(i -> i < 0 || i >= size)
        || Arrays.stream(kept).distinct().count() != kept.length) {
      throw new IllegalArgumentException("SelectObservation keeps distinct indices in [0, " + size + "), got "
          + Arrays.toString(kept));
    }
    this.kept = kept.clone();
    this.space = new Box(select(box.low()), select(box.high()), box.dtype());
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }

  @Override
  protected double[] observation(double[] observation) {
    return select(observation);
  }

  private double[] select(double[] values) {
    double[] selected = new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      selected[i] = values[kept[i]];
    }
    return selected;
  }
}
