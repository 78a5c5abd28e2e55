package org.samdp.envs.wrappers;

import java.util.Map;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

/** A wrapper that transforms every Box observation, from reset and from step, by {@link #observation(double[])}. */
public abstract class ObservationWrapper<A> extends Wrapper<double[], A> {

  protected ObservationWrapper(Env<double[], A> env) {
    super(env);
  }

  /** The transformed observation. */
  protected abstract double[] observation(double[] observation);

  @Override
  public Reset<double[]> reset(Long seed, Map<String, Object> options) {
    Reset<double[]> reset = env.reset(seed, options);
    return new Reset<>(observation(reset.observation()), reset.info());
  }

  @Override
  public Step<double[]> step(A action) {
    Step<double[]> step = env.step(action);
    return new Step<>(observation(step.observation()), step.reward(), step.terminated(), step.truncated(),
        step.info());
  }
}
