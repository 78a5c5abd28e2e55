package org.samdp.envs.spaces;

import org.samdp.envs.random.NumpyRandom;

/** The integers {@code start, ..., start + n − 1}: Gymnasium's {@code Discrete(n, start)}. */
public final class Discrete implements Space<Integer> {
  private final int n;
  private final int start;
  private NumpyRandom rng;

  public Discrete(int n, int start) {
    if (n <= 0) {
      throw new IllegalArgumentException("Discrete needs n > 0, got " + n);
    }
    this.n = n;
    this.start = start;
  }

  public Discrete(int n) {
    this(n, 0);
  }

  public int n() {
    return n;
  }

  public int start() {
    return start;
  }

  @Override
  public int[] shape() {
    return new int[0];
  }

  @Override
  public void seed(long seed) {
    rng = new NumpyRandom(seed);
  }

  private NumpyRandom rng() {
    if (rng == null) {
      rng = NumpyRandom.fromEntropy();
    }
    return rng;
  }

  @Override
  public Integer sample() {
    return start + (int) rng().integers(0, n);
  }

  /**
   * Draws uniformly among the values whose mask entry is 1; returns {@code start} if none is allowed.
   *
   * @param mask one 0/1 entry per value
   */
  public Integer sample(byte[] mask) {
    if (mask.length != n) {
      throw new IllegalArgumentException("mask has " + mask.length + " entries, Discrete(" + n + ") needs " + n);
    }
    int allowed = 0;
    for (byte m : mask) {
      if (m != 0 && m != 1) {
        throw new IllegalArgumentException("mask entries must be 0 or 1, got " + m);
      }
      allowed += m;
    }
    if (allowed == 0) {
      return start;
    }
    long pick = rng().integers(0, allowed);
    for (int i = 0; i < n; i++) {
      if (mask[i] == 1 && pick-- == 0) {
        return start + i;
      }
    }
    throw new AssertionError("unreachable");
  }

  @Override
  public String violation(Object value) {
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
      return "expected an integer action for " + this + ", got "
          + (value == null ? "null" : value.getClass().getSimpleName() + " " + value);
    }
    long v = ((Number) value).longValue();
    if (v < start || v >= (long) start + n) {
      return "value " + v + " is outside " + this + " (valid: " + start + ".." + (start + n - 1) + ")";
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Discrete d && d.n == n && d.start == start;
  }

  @Override
  public int hashCode() {
    return 31 * n + start;
  }

  @Override
  public String toString() {
    return start == 0 ? "Discrete(" + n + ")" : "Discrete(" + n + ", start=" + start + ")";
  }
}
