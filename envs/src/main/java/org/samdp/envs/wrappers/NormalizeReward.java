package org.samdp.envs.wrappers;

import org.samdp.envs.Env;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

/**
 * Scales rewards by the running standard deviation of the discounted return {@code G ← G·γ·(1 − terminated) + r}.
 * The mean is not subtracted; {@code G} is not reset by {@code reset} or truncation, only by a termination.
 */
public final class NormalizeReward<O, A> extends Wrapper<O, A> {
  private final RunningMeanStd returnStats = new RunningMeanStd(1);
  private final double gamma;
  private final double epsilon;
  private double discountedReturn;

  public NormalizeReward(Env<O, A> env, double gamma, double epsilon) {
    super(env);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }
    this.gamma = gamma;
    this.epsilon = epsilon;
  }

  @Override
  public Step<O> step(A action) {
    Step<O> step = env.step(action);
    discountedReturn = discountedReturn * gamma * (step.terminated() ? 0 : 1) + step.reward();
    returnStats.update(new double[] {discountedReturn});
    double scale = Math.sqrt(returnStats.state().var()[0] + epsilon);
    return new Step<>(step.observation(), step.reward() / scale, step.terminated(), step.truncated(), step.info());
  }
}
