package org.samdp.envs.wrappers;

import org.samdp.envs.Env;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Space;

/**
 * Accepts any finite action of the right shape and clips it into the inner Box before stepping (what a Gaussian
 * policy needs). Its own action space is the unbounded Box of the same shape. NaN actions are still rejected.
 */
public final class ClipAction<O> extends Wrapper<O, double[]> {
  private final Box inner;
  private final Box space;

  public ClipAction(Env<O, double[]> env) {
    super(env);
    if (!(env.actionSpace() instanceof Box box)) {
      throw new IllegalArgumentException("ClipAction needs a Box action space, got " + env.actionSpace());
    }
    this.inner = box;
    this.space = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, box.shape(), box.dtype());
  }

  /** The Box actions are clipped into: the wrapped env's action space. */
  public Box bounds() {
    return inner;
  }

  @Override
  public Space<double[]> actionSpace() {
    return space;
  }

  @Override
  public Step<O> step(double[] action) {
    String why = space.actionViolation(action);
    if (why != null) {
      throw new InvalidActionException(spec().id() + ": invalid action: " + why);
    }
    double[] clipped = new double[action.length];
    for (int i = 0; i < action.length; i++) {
      clipped[i] = Math.min(Math.max(action[i], inner.low(i)), inner.high(i));
    }
    return env.step(clipped);
  }
}
