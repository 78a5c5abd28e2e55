package org.samdp.envs.spaces;

/**
 * The numpy dtype a {@link Box} declares. Values are held as {@code double} in Java; a dtype says which doubles are
 * representable (a float32 Box contains only values that survive a round trip through {@code float}).
 */
public enum DType {
  FLOAT32(true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
  FLOAT64(true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
  UINT8(false, 0, 255),
  INT32(false, Integer.MIN_VALUE, Integer.MAX_VALUE),
  INT64(false, -0x1p63, 0x1p63);

  private final boolean floating;
  private final double min;
  private final double max;

  DType(boolean floating, double min, double max) {
    this.floating = floating;
    this.min = min;
    this.max = max;
  }

  public boolean isFloating() {
    return floating;
  }

  /** Smallest representable value (−∞ for floating types). */
  public double min() {
    return min;
  }

  /** Largest representable value (+∞ for floating types). */
  public double max() {
    return max;
  }

  /** True if {@code value} is exactly representable in this dtype (NaN is representable in float types). */
  public boolean represents(double value) {
    return switch (this) {
      case FLOAT64 -> true;
      case FLOAT32 -> Double.isNaN(value) || Double.isInfinite(value) || (double) (float) value == value;
      default -> value == Math.rint(value) && value >= min && value <= max;
    };
  }

  /** Rounds a double to the nearest representable value, as numpy's {@code astype} does for sampled values. */
  public double cast(double value) {
    return switch (this) {
      case FLOAT64 -> value;
      case FLOAT32 -> (float) value;
      default -> Math.max(min, Math.min(max, Math.floor(value)));
    };
  }

  /** numpy's name of the dtype. */
  public String numpyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
