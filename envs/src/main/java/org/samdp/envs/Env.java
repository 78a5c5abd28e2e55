package org.samdp.envs;

import java.util.Map;
import org.samdp.envs.spaces.Space;

/**
 * A reinforcement-learning environment with Gymnasium 1.x semantics.
 *
 * <p>{@code reset} starts an episode; {@code step} advances it. {@code terminated} means the MDP reached a terminal
 * state (stop bootstrapping), {@code truncated} means the episode was cut short (e.g. a time limit) and the next state
 * is still valid for bootstrapping. After either flag the caller must reset.
 *
 * @param <O> observation type ({@code double[]} for Box spaces, {@code Integer} for Discrete)
 * @param <A> action type ({@code double[]} for Box spaces, {@code Integer} for Discrete)
 */
public interface Env<O, A> extends AutoCloseable {

  /**
   * Starts a new episode.
   *
   * @param seed if non-null, re-creates the environment's random generator from this seed (must be ≥ 0); if null,
   *     the existing generator continues (or one is seeded from entropy on first use)
   * @param options environment-specific reset options (e.g. {@code "low"}/{@code "high"}); never null
   */
  Reset<O> reset(Long seed, Map<String, Object> options);

  /** Advances the episode by one step; rejects actions outside {@link #actionSpace()} with a clear error. */
  Step<O> step(A action);

  Space<O> observationSpace();

  Space<A> actionSpace();

  /** The registration this env was made from, or an anonymous spec for envs built directly. */
  EnvSpec spec();

  /** The innermost environment, below all wrappers. */
  Env<?, ?> unwrapped();

  /** Releases native or file resources. Safe to call more than once. */
  @Override
  void close();

  /** {@code reset(seed, {})}. */
  default Reset<O> reset(long seed) {
    return reset(seed, Map.of());
  }

  /** {@code reset(null, {})}: continue the current random stream. */
  default Reset<O> reset() {
    return reset(null, Map.of());
  }
}
