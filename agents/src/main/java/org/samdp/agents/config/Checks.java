package org.samdp.agents.config;

/** Range checks of configuration values, each naming its key in the message. */
public final class Checks {
  private Checks() {}

  /**
   * @throws IllegalArgumentException unless {@code value > 0}
   */
  public static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code value >= 0}
   */
  public static void nonNegative(String key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + value);
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code value} is in {@code [0, 1]}
   */
  public static void unit(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
    }
  }
}
