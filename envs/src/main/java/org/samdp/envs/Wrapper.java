package org.samdp.envs;

import java.util.Map;
import org.samdp.envs.spaces.Space;

/**
 * An environment that changes one thing about another. Everything it does not override passes through to the
 * wrapped env.
 */
public abstract class Wrapper<O, A> implements Env<O, A> {
  protected final Env<O, A> env;

  protected Wrapper(Env<O, A> env) {
    this.env = java.util.Objects.requireNonNull(env, "env");
  }

  @Override
  public Reset<O> reset(Long seed, Map<String, Object> options) {
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    return env.step(action);
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public EnvSpec spec() {
    return env.spec();
  }

  @Override
  public Env<?, ?> unwrapped() {
    return env.unwrapped();
  }

  @Override
  public void close() {
    env.close();
  }
}
