package org.samdp.envs.wrappers;

import java.util.Map;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

/** Truncates episodes after {@code maxEpisodeSteps} steps; {@code terminated} is left as the env set it. */
public final class TimeLimit<O, A> extends Wrapper<O, A> {
  private final int maxEpisodeSteps;
  private int elapsedSteps;

  public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
    super(env);
    if (maxEpisodeSteps <= 0) {
      throw new IllegalArgumentException("TimeLimit needs maxEpisodeSteps > 0, got " + maxEpisodeSteps);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  @Override
  public Reset<O> reset(Long seed, Map<String, Object> options) {
    elapsedSteps = 0;
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> step = env.step(action);
    elapsedSteps++;
    if (elapsedSteps >= maxEpisodeSteps && !step.truncated()) {
      return new Step<>(step.observation(), step.reward(), step.terminated(), true, step.info());
    }
    return step;
  }
}
