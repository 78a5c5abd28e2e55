package org.samdp.bounds.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * auto_LiRPA's precomputed tangent points for an S-shaped activation f (convex below 0, concave above). For grid
 * points {@code U_i = 0.01·i}, {@code lowerPoint[i] <= 0} is (nearly) the largest p whose tangent stays below f up to
 * {@code U_i}; {@code upperPoint[i] >= 0} is the mirror image for upper lines from {@code -U_i}. Built in float64 by
 * doubling then 100 bisection steps, exactly as the reference tool does.
 */
final class TangentTable {
  private static final double STEP = 0.01;
  private static final int POINTS = 50_005;
  private static final int BISECTIONS = 100;
  private final double[] lowerPoint = new double[POINTS];
  private final double[] upperPoint = new double[POINTS];
  /** The tables as arrays, per device: constants, made once and never freed. */
  private final Map<Device, NDArray[]> onDevice = new ConcurrentHashMap<>();

  TangentTable(DoubleUnaryOperator f, DoubleUnaryOperator df) {
    for (int i = 0; i < POINTS; i++) {
      double end = STEP * i;
      lowerPoint[i] = search(-1, p -> df.applyAsDouble(p) * (end - p) + f.applyAsDouble(p) <= f.applyAsDouble(end));
      upperPoint[i] = search(1, p -> df.applyAsDouble(p) * (-end - p) + f.applyAsDouble(p) >= f.applyAsDouble(-end));
    }
  }

  /** Doubles {@code start} until {@code valid}, then bisects towards 0 keeping the valid end. */
  private static double search(double start, DoublePredicate valid) {
    double good = start;
    while (!valid.test(good)) {
      good *= 2;
    }
    double bad = 0;
    for (int t = 0; t < BISECTIONS; t++) {
      double mid = (good + bad) / 2;
      if (valid.test(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  /**
   * Tangent point of a sound lower line on {@code [l, u]} with {@code l < 0 < u}, looked up at a grid point above
   * {@code u}; past the table, the tangent at {@code l}.
   */
  NDArray lowerPoint(NDArray lower, NDArray upper) {
    return lookup(tables(lower.getDevice())[0], upper, lower);
  }

  /** The mirror of {@link #lowerPoint} for upper lines, looked up at {@code -l}; past the table, the tangent at u. */
  NDArray upperPoint(NDArray lower, NDArray upper) {
    return lookup(tables(lower.getDevice())[1], lower.neg(), upper);
  }

  private NDArray[] tables(Device device) {
    return onDevice.computeIfAbsent(device, d -> {
      NDManager owner = NDManager.newBaseManager(d);
      NDArray[] arrays = {owner.create(lowerPoint), owner.create(upperPoint)};
      for (NDArray array : arrays) {
        NDScope.unregister(array);
      }
      return arrays;
    });
  }

  private static NDArray lookup(NDArray table, NDArray end, NDArray fallback) {
    NDArray index = end.toType(DataType.FLOAT64, false).div(STEP).floor().maximum(0).add(1);
    NDArray inside = index.lt(POINTS);
    NDArray values = table.take(index.minimum(POINTS - 1).toType(DataType.INT64, false));
    // take() puts its result with the table; the caller's manager owns it instead.
    values.attach(fallback.getManager());
    return NDArrays.where(inside, values.toType(fallback.getDataType(), false), fallback);
  }
}
