package org.samdp.bounds.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import org.samdp.bounds.Scalars;

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
  /** The joined table and its offsets as arrays, per device: constants, made once and never freed. */
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
   * Tangent points {@code [2, ...]} of sound lines on {@code [l, u]} with {@code l < 0 < u}: of the lower line
   * (looked up at a grid point above {@code u}; past the table, the tangent at {@code l}) and of the upper line (the
   * mirror image, looked up at {@code -l}; past the table, the tangent at {@code u}).
   */
  NDArray points(NDArray lower, NDArray upper) {
    NDArray end = NDArrays.stack(new NDList(upper, lower.neg())).toType(DataType.FLOAT64, false);
    NDArray index = end.div(Scalars.constant(end, STEP)).floor().maximum(Scalars.constant(end, 0))
        .add(Scalars.constant(end, 1));
    NDArray inside = index.lt(Scalars.constant(end, POINTS));
    // One lookup in both tables, the upper one's entries after the lower one's.
    NDArray flat = index.minimum(Scalars.constant(end, POINTS - 1)).reshape(2, -1).add(offsets(end.getDevice()))
        .toType(DataType.INT64, false);
    NDArray values = table(end.getDevice()).take(flat);
    // take() puts its result with the table; the caller's manager owns it instead.
    values.attach(lower.getManager());
    NDArray fallback = NDArrays.stack(new NDList(lower, upper));
    return NDArrays.where(inside, values.reshape(end.getShape()).toType(lower.getDataType(), false), fallback);
  }

  /** Both tables in one array, {@code [lower points; upper points]}. */
  private NDArray table(Device device) {
    return onDevice(device)[0];
  }

  /** Where each table starts in {@link #table}, {@code [[0], [POINTS]]} in float64. */
  private NDArray offsets(Device device) {
    return onDevice(device)[1];
  }

  private NDArray[] onDevice(Device device) {
    return onDevice.computeIfAbsent(device, d -> {
      NDManager owner = NDManager.newBaseManager(d);
      double[] both = new double[2 * POINTS];
      System.arraycopy(lowerPoint, 0, both, 0, POINTS);
      System.arraycopy(upperPoint, 0, both, POINTS, POINTS);
      NDArray[] arrays = {owner.create(both), owner.create(new double[] {0, POINTS}, new Shape(2, 1))};
      for (NDArray array : arrays) {
        NDScope.unregister(array);
      }
      return arrays;
    });
  }
}
