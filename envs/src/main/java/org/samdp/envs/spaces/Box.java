package org.samdp.envs.spaces;

import java.util.Arrays;
import org.samdp.envs.random.NumpyRandom;

/**
 * A (possibly unbounded) box in R^n: Gymnasium's {@code Box(low, high, shape, dtype)}. Values are flat {@code double[]}
 * arrays in row-major order over {@link #shape()}.
 */
public final class Box implements Space<double[]> {
  private final double[] low;
  private final double[] high;
  private final int[] shape;
  private final DType dtype;
  // Which bounds were finite as given: an integer dtype replaces ±inf by its limits but still samples such a
  // coordinate as unbounded, like Gymnasium's bounded_below / bounded_above.
  private final boolean[] boundedBelow;
  private final boolean[] boundedAbove;
  private NumpyRandom rng;

  /** A box with per-coordinate bounds; {@code low} and {@code high} are flat arrays matching {@code shape}. */
  public Box(double[] low, double[] high, int[] shape, DType dtype) {
    int size = 1;
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("Box shape must be positive, got " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (low.length != size || high.length != size) {
      throw new IllegalArgumentException("Box bounds have " + low.length + " and " + high.length
          + " entries but shape " + Arrays.toString(shape) + " needs " + size);
    }
    this.low = new double[size];
    this.high = new double[size];
    this.boundedBelow = new boolean[size];
    this.boundedAbove = new boolean[size];
    for (int i = 0; i < size; i++) {
      if (Double.isNaN(low[i]) || Double.isNaN(high[i])) {
        throw new IllegalArgumentException("Box bounds must not be NaN (index " + i + ")");
      }
      if (low[i] > high[i]) {
        throw new IllegalArgumentException(
            "Box needs low <= high, but at index " + i + " low=" + low[i] + " > high=" + high[i]);
      }
      boundedBelow[i] = low[i] != Double.NEGATIVE_INFINITY;
      boundedAbove[i] = high[i] != Double.POSITIVE_INFINITY;
      // Integer dtypes turn infinite bounds into the dtype's limits; float32 bounds are stored as float32.
      this.low[i] = dtype.isFloating() ? dtype.cast(low[i]) : Math.max(low[i], dtype.min());
      this.high[i] = dtype.isFloating() ? dtype.cast(high[i]) : Math.min(high[i], dtype.max());
    }
    this.shape = shape.clone();
    this.dtype = dtype;
  }

  /** A 1-D box. */
  public Box(double[] low, double[] high, DType dtype) {
    this(low, high, new int[] {low.length}, dtype);
  }

  /** A box with the same scalar bounds in every coordinate. */
  public static Box uniform(double low, double high, int[] shape, DType dtype) {
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    double[] lo = new double[size];
    double[] hi = new double[size];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi, shape, dtype);
  }

  /** A float32 box symmetric around zero, {@code [-high, high]}. */
  public static Box symmetric(double[] high) {
    double[] low = new double[high.length];
    for (int i = 0; i < high.length; i++) {
      low[i] = -high[i];
    }
    return new Box(low, high, DType.FLOAT32);
  }

  public double[] low() {
    return low.clone();
  }

  public double[] high() {
    return high.clone();
  }

  public double low(int i) {
    return low[i];
  }

  public double high(int i) {
    return high[i];
  }

  public DType dtype() {
    return dtype;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** True if every bound was given finite (an integer box built with ±inf bounds is not bounded). */
  public boolean isBounded() {
    for (int i = 0; i < low.length; i++) {
      if (!boundedBelow[i] || !boundedAbove[i]) {
        return false;
      }
    }
    return true;
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

  /**
   * Draws like Gymnasium's {@code Box.sample}: N(0,1) in coordinates unbounded on both sides, {@code low + Exp(1)} or
   * {@code high − Exp(1)} in half-bounded ones, U[low, high) in bounded ones, in that order of draws, then cast to
   * the dtype. Integer dtypes use {@code high + 1} in place of {@code high}, floor the draw and clip it to the dtype's
   * range (two short of either end for signed types) before the cast.
   */
  @Override
  public double[] sample() {
    NumpyRandom r = rng();
    int n = low.length;
    boolean integer = !dtype.isFloating();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      if (!boundedBelow[i] && !boundedAbove[i]) {
        x[i] = r.normal(0, 1); // not standardNormal(): numpy's 0 + 1·z turns a −0.0 draw into 0.0
      }
    }
    for (int i = 0; i < n; i++) {
      if (boundedBelow[i] && !boundedAbove[i]) {
        x[i] = low[i] + r.standardExponential();
      }
    }
    for (int i = 0; i < n; i++) {
      if (!boundedBelow[i] && boundedAbove[i]) {
        x[i] = (integer ? high[i] + 1 : high[i]) - r.standardExponential();
      }
    }
    for (int i = 0; i < n; i++) {
      if (boundedBelow[i] && boundedAbove[i]) {
        x[i] = r.uniform(low[i], integer ? high[i] + 1 : high[i]);
      }
    }
    double margin = dtype.min() < 0 ? 2 : 0;
    for (int i = 0; i < n; i++) {
      if (integer) {
        x[i] = Math.max(dtype.min() + margin, Math.min(dtype.max() - margin, Math.floor(x[i])));
      }
      x[i] = dtype.cast(x[i]);
    }
    return x;
  }

  @Override
  public String violation(Object value) {
    String why = actionViolation(value);
    if (why != null) {
      return why;
    }
    double[] x = (double[]) value;
    for (int i = 0; i < x.length; i++) {
      if (!dtype.represents(x[i])) {
        return "value at index " + i + " (" + x[i] + ") is not representable as " + dtype.numpyName();
      }
    }
    return null;
  }

  @Override
  public String actionViolation(Object value) {
    if (!(value instanceof double[] x)) {
      return "expected a double[] of shape " + shapeString(shape) + " for " + this + ", got "
          + (value == null ? "null" : value.getClass().getSimpleName());
    }
    if (x.length != low.length) {
      return "expected " + low.length + " values (shape " + shapeString(shape) + ") for " + this + ", got "
          + x.length;
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        return "value at index " + i + " is NaN";
      }
      if (x[i] < low[i] || x[i] > high[i]) {
        return "value at index " + i + " is " + x[i] + ", outside [" + low[i] + ", " + high[i] + "]";
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && b.dtype == dtype && Arrays.equals(b.shape, shape) && Arrays.equals(b.low, low)
        && Arrays.equals(b.high, high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + dtype.hashCode();
  }

  @Override
  public String toString() {
    return "Box(" + boundString(low) + ", " + boundString(high) + ", " + shapeString(shape) + ", "
        + dtype.numpyName() + ")";
  }

  /** A shape as Python writes a tuple: {@code (4,)}, {@code (2, 3)}. */
  public static String shapeString(int[] shape) {
    String dims = Arrays.stream(shape).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    return "(" + dims + (shape.length == 1 ? ",)" : ")");
  }

  private String boundString(double[] bound) {
    boolean same = Arrays.stream(bound).allMatch(v -> v == bound[0]);
    return same ? number(bound[0]) : Arrays.stream(bound).mapToObj(this::number)
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  // float32 bounds print as the float they are (4.8, not 4.800000190734863).
  private String number(double value) {
    String text = dtype == DType.FLOAT32 ? Float.toString((float) value) : Double.toString(value);
    return text.replace("Infinity", "inf");
  }
}
