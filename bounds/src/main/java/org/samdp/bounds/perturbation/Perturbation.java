package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;
import org.samdp.bounds.ops.Interval;

/** A batch of input sets, one per batch element, over inputs of shape {@code [B, ...shape]}. */
public interface Perturbation {

  /** The nominal input of each set, {@code [B, ...shape]}. */
  NDArray center();

  /** The tightest element-wise box containing each set. */
  Interval box();

  /**
   * A lower bound (exact where possible) of each linear function {@code coefficients · x} over each set.
   *
   * @param coefficients {@code [b, R, ...shape]}, {@code b} being 1 or B
   * @return {@code [B, R]}
   */
  NDArray concretizeLower(NDArray coefficients);

  /** Element-wise bounds of {@code W x + b} over each set, as tight as {@link #concretizeLower} allows. */
  default Interval linearImage(NDArray weight, NDArray bias) {
    long out = weight.getShape().get(0);
    NDArray rows = weight.concat(weight.neg()).expandDims(0);
    NDArray lowerOfRows = concretizeLower(rows);
    NDArray lower = lowerOfRows.get(":, :" + out).add(bias);
    NDArray upper = lowerOfRows.get(":, " + out + ":").neg().add(bias);
    return new Interval(lower, upper);
  }
}
