package org.samdp.envs;

import java.util.Map;
import java.util.Objects;
import org.samdp.envs.random.NumpyRandom;

/**
 * The base of every samdp environment: seeds the episode generator like Gymnasium ({@code reset(seed)} re-creates
 * it, {@code reset()} continues it), refuses {@code step} before the first {@code reset}, and rejects actions outside
 * the action space with one clear error before the subclass sees them.
 */
public abstract class BaseEnv<O, A> implements Env<O, A> {
  private NumpyRandom npRandom;
  private boolean resetCalled;
  private EnvSpec spec = EnvSpec.anonymous(getClass().getSimpleName());

  @Override
  public final Reset<O> reset(Long seed, Map<String, Object> options) {
    Objects.requireNonNull(options, "options must not be null; pass Map.of()");
    if (seed != null) {
      if (seed < 0) {
        throw new IllegalArgumentException(spec.id() + ": seed must be a non-negative integer, got " + seed);
      }
      npRandom = new NumpyRandom(seed);
    } else if (npRandom == null) {
      npRandom = NumpyRandom.fromEntropy();
    }
    resetCalled = true;
    return resetEpisode(options);
  }

  @Override
  public final Step<O> step(A action) {
    if (!resetCalled) {
      throw new IllegalStateException(spec.id() + ": call reset() before step()");
    }
    String why = actionSpace().actionViolation(action);
    if (why != null) {
      throw new InvalidActionException(spec.id() + ": invalid action: " + why);
    }
    return stepEpisode(action);
  }

  /** Starts an episode; the generator is already seeded. */
  protected abstract Reset<O> resetEpisode(Map<String, Object> options);

  /** Advances the episode with an action already checked against the action space. */
  protected abstract Step<O> stepEpisode(A action);

  /** The episode generator, Gymnasium's {@code np_random}. */
  protected final NumpyRandom npRandom() {
    return npRandom;
  }

  /** The state of the episode generator (null before the first reset), for determinism checks. */
  public final NumpyRandom.State rngState() {
    return npRandom == null ? null : npRandom.state();
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  /** Called by the registry when it makes this env from a registration. */
  final void bindSpec(EnvSpec registered) {
    this.spec = registered;
  }

  @Override
  public Env<?, ?> unwrapped() {
    return this;
  }

  @Override
  public void close() {}
}
