package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.samdp.bounds.Scalars;

/** Bounds of {@code x - mean(x)} over a feature vector (the advantage stream of a dueling head). */
public final class SubtractMeanOperator implements BoundedOperator {

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    NDArray l = in.lower();
    NDArray u = in.upper();
    // y_i = (1 - 1/n) x_i - (1/n) Σ_{j≠i} x_j, bounded coordinate by coordinate.
    NDArray ownShare = Scalars.div(u.sub(l), l.getShape().get(1));
    return new Interval(l.sub(mean(u)).add(ownShare), u.sub(mean(l)).sub(ownShare));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    // The map is the symmetric matrix I - 11ᵀ/n, so it applies to coefficient rows unchanged.
    return BackwardStep.of(coefficients.sub(coefficients.mean(new int[] {2}, true)));
  }

  private static NDArray mean(NDArray x) {
    return x.mean(new int[] {1}, true);
  }
}
