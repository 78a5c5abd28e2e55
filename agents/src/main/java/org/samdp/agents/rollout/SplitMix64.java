package org.samdp.agents.rollout;

import java.util.random.RandomGenerator;

/**
 * Steele, Lea and Flood's SplitMix64 generator. Its whole state is one {@code long}, so a checkpoint saves and
 * restores it exactly; every other draw ({@code nextDouble}, {@code nextGaussian}, ...) is derived from
 * {@link #nextLong()} by {@link RandomGenerator}'s stateless defaults.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  @Override
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** The state, to save. */
  public long state() {
    return state;
  }

  /** Continues from a saved state. */
  public void restore(long savedState) {
    state = savedState;
  }

  /** A well-mixed function of several numbers (seed derivation), non-negative. */
  public static long hash(long... values) {
    long h = 0x5851f42d4c957f2dL;
    for (long v : values) {
      h = mix(h + GOLDEN_GAMMA + v);
    }
    return h >>> 1;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
