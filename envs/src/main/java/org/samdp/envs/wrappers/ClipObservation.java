package org.samdp.envs.wrappers;

import org.samdp.envs.Env;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Space;

/**
 * Clips every Box observation coordinate to {@code [low, high]} (the usual {@code clip(·, −10, 10)} after
 * {@link NormalizeObservation}).
 */
public final class ClipObservation<A> extends ObservationWrapper<A> {
  private final double low;
  private final double high;
  private final Box space;

  public ClipObservation(Env<double[], A> env, double low, double high) {
    super(env);
    if (!(env.observationSpace() instanceof Box box)) {
      throw new IllegalArgumentException("ClipObservation needs a Box observation space, got "
          + env.observationSpace());
    }
    if (!(low <= high)) {
      throw new IllegalArgumentException("ClipObservation needs low <= high, got " + low + " > " + high);
    }
    this.low = low;
    this.high = high;
    double[] lo = box.low();
    double[] hi = box.high();
    for (int i = 0; i < lo.length; i++) {
      lo[i] = Math.min(Math.max(lo[i], low), high);
      hi[i] = Math.max(Math.min(hi[i], high), low);
    }
    this.space = new Box(lo, hi, box.shape(), box.dtype());
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }

  @Override
  protected double[] observation(double[] observation) {
    double[] clipped = new double[observation.length];
    for (int i = 0; i < clipped.length; i++) {
      clipped[i] = Math.min(Math.max(observation[i], low), high);
    }
    return clipped;
  }
}
