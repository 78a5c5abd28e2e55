package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.samdp.bounds.Scalars;

/**
 * Element-wise bounds {@code lower <= x <= upper} of a batch, both {@code [B, ...shape]}.
 *
 * @param lower element-wise lower bounds
 * @param upper element-wise upper bounds
 */
public record Interval(NDArray lower, NDArray upper) {

  /** The centre {@code (lower + upper) / 2}. */
  public NDArray mid() {
    return lower.add(upper).div(Scalars.constant(lower, 2));
  }

  /** The half-width {@code (upper - lower) / 2}. */
  public NDArray radius() {
    return upper.sub(lower).div(Scalars.constant(lower, 2));
  }

  /**
   * The smallest value of each linear function {@code coefficients · x} over the box: {@code A·mid - |A|·radius}.
   *
   * @param coefficients {@code [b, R, ...shape]} with {@code b} 1 or B
   * @return {@code [B, R]}
   */
  public NDArray concretizeLower(NDArray coefficients) {
    return dot(coefficients, mid()).sub(dot(coefficients.abs(), radius()));
  }

  /**
   * {@code Σ_features coefficients · values} per batch element and row, {@code [B, R]}. Rows shared by the batch
   * make one matrix product instead of a batch of matrix-vector products.
   *
   * @param coefficients {@code [b, R, ...shape]} with {@code b} 1 or B
   * @param values {@code [B, ...shape]}
   */
  public static NDArray dot(NDArray coefficients, NDArray values) {
    NDArray a = flattenFeatures(coefficients);
    long batch = values.getShape().get(0);
    if (a.getShape().get(0) == 1) {
      NDArray rows = values.getShape().dimension() == 2 ? values : values.reshape(batch, -1);
      return rows.matMul(a.squeeze(0).transpose());
    }
    // [B, 1, n]·[B, n, R] rather than [B, R, n]·[B, n, 1]: the engine's batched matrix-vector product is several
    // times slower than a batched row-times-matrix over the same numbers.
    return values.reshape(batch, 1, -1).matMul(a.transpose(0, 2, 1)).squeeze(1);
  }

  /** Adds a rows axis after the batch axis: {@code [B, ...] -> [B, 1, ...]}. */
  public Interval expandRows() {
    return new Interval(lower.expandDims(1), upper.expandDims(1));
  }

  /** {@code [b, R, ...shape] -> [b, R, n]}. */
  public static NDArray flattenFeatures(NDArray coefficients) {
    // Already flat, the array itself: on the hot path of CROWN-IBP training, every operation counts.
    Shape shape = coefficients.getShape();
    return shape.dimension() == 3 ? coefficients : coefficients.reshape(shape.get(0), shape.get(1), -1);
  }
}
