package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.samdp.bounds.Scalars;

/**
 * The shared base of element-wise monotone activations. A subclass states only its relaxation, as a function of free
 * parameters (ReLU's lower slope, the tangent points of tanh/sigmoid) that CROWN fixes heuristically and α-CROWN
 * optimises; this base turns it into interval and backward propagation.
 */
public abstract class ActivationOperator implements OptimizableOperator {

  /** The activation itself. */
  protected abstract NDArray apply(NDArray x);

  /**
   * CROWN's choice of the relaxation parameters, {@code [P, B, ...shape]} (P parameters per neuron).
   *
   * @param pre pre-activation bounds {@code [B, ...shape]}
   */
  public abstract NDArray initialParameters(Interval pre);

  /**
   * The relaxation for given parameters. {@code pre} and {@code parameters.get(p)} broadcast against each other:
   * {@code [B, ...shape]} for CROWN, {@code [B, 1, ...shape]} and {@code [B, R, ...shape]} for α-CROWN.
   */
  public abstract Relaxation relax(Interval pre, NDArray parameters);

  /** The parameters moved to the nearest point where the relaxation is still sound. */
  public abstract NDArray project(NDArray parameters, Interval pre);

  @Override
  public final NDArray initialParameters(List<Interval> inputBounds) {
    return initialParameters(inputBounds.get(0));
  }

  @Override
  public final NDArray project(NDArray parameters, List<Interval> inputBounds) {
    return project(parameters, inputBounds.get(0));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds, NDArray parameters) {
    return backward(coefficients, relax(inputBounds.get(0), parameters));
  }

  /** CROWN's relaxation. */
  public Relaxation relax(Interval pre) {
    return relax(pre, initialParameters(pre));
  }

  /**
   * Whether {@code other} relaxes by the same rule, so that CROWN's relaxations of both can be computed in one call
   * over their bounds concatenated along the batch axis.
   */
  public boolean relaxesLike(ActivationOperator other) {
    return getClass() == other.getClass();
  }

  @Override
  public boolean needsInputBounds() {
    return true;
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    return new Interval(apply(in.lower()), apply(in.upper()));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    return backward(coefficients, relax(inputBounds.get(0)));
  }

  /**
   * Moves lower bounds back through a relaxed activation: positive coefficients take the lower line, negative ones
   * the upper line.
   */
  public static BackwardStep backward(NDArray coefficients, Relaxation relaxation) {
    NDArray positive = Scalars.relu(coefficients);
    NDArray slopeGap = relaxation.lowerSlope().sub(relaxation.upperSlope());
    NDArray interceptGap = relaxation.lowerIntercept().sub(relaxation.upperIntercept());
    if (relaxation.lowerSlope().getShape().dimension() == coefficients.getShape().dimension()) {
      // α-CROWN: every row has its own lines.
      NDArray input = coefficients.mul(relaxation.upperSlope()).add(positive.mul(slopeGap));
      NDArray constant = coefficients.mul(relaxation.upperIntercept()).add(positive.mul(interceptGap));
      return new BackwardStep(List.of(input), Interval.flattenFeatures(constant).sum(new int[] {2}));
    }
    // A⁺·s_l + A⁻·s_u written as A·s_u + A⁺·(s_l - s_u); the constants are row·vector products, never
    // materialised at full size.
    NDArray input = coefficients.mul(relaxation.upperSlope().expandDims(1))
        .add(positive.mul(slopeGap.expandDims(1)));
    NDArray constant = Interval.dot(coefficients, relaxation.upperIntercept())
        .add(Interval.dot(positive, interceptGap));
    return new BackwardStep(List.of(input), constant);
  }

  /**
   * Moves batch-shared coefficients back through a relaxed activation and the linear layer feeding it in one go:
   * scaling the layer's weights by the slopes ({@code [B, n, in]}) and multiplying the shared rows by them costs far
   * less than the per-element {@code [B, R, n]} intermediate when the rows outnumber the layer's inputs (the
   * identity-started passes of intermediate CROWN bounds).
   *
   * @param coefficients {@code [1, R, n]}, shared by the batch
   * @param relaxation per-element lines {@code [B, n]}
   * @param linear the layer whose output the activation reads
   * @return the step to the linear layer's input, {@code [B, R, in]}
   */
  public static BackwardStep backwardThroughLinear(NDArray coefficients, Relaxation relaxation, LinearOperator linear) {
    NDArray rows = coefficients.squeeze(0);
    NDArray signed = Scalars.relu(rows).concat(Scalars.minimum(rows, 0), 1);
    NDArray weight = linear.weight().expandDims(0);
    NDArray slopes = relaxation.lowerSlope().concat(relaxation.upperSlope(), 1);
    long batch = slopes.getShape().get(0);
    long in = weight.getShape().get(2);
    long rowCount = rows.getShape().get(0);
    // [B, 2n, in] -> [2n, B·in]: one matrix product for every batch element and both lines.
    NDArray scaled = slopes.expandDims(2).mul(weight.concat(weight, 1)).transpose(1, 0, 2).reshape(-1, batch * in);
    NDArray input = signed.matMul(scaled).reshape(rowCount, batch, in).transpose(1, 0, 2);
    NDArray constants = relaxation.lowerIntercept().concat(relaxation.upperIntercept(), 1)
        .add(slopes.mul(linear.bias().concat(linear.bias())));
    return new BackwardStep(List.of(input), constants.matMul(signed.transpose()));
  }
}
