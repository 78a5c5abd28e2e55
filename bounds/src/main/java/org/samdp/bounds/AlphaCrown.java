package org.samdp.bounds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.ops.OptimizableOperator;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * α-CROWN's final pass: every bound row gets its own relaxation parameters per neuron of every optimisable operator
 * (ReLU lower slopes, tanh/sigmoid tangent points, product plane weights), started at CROWN's choice and improved by
 * projected Adam ascent on the bound. Rows are
 * independent, so optimising their sum optimises lower and upper bounds separately. The best value of each row over
 * the iterations is kept, so the result is never looser than CROWN.
 */
final class AlphaCrown {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPSILON = 1e-8;

  private final BoundGraph graph;
  private final Perturbation input;
  private final Interval[] intervals;
  private final AlphaCrownOptions options;

  /**
   * @param graph a graph over detached parameters, so that the optimisation leaves the weights' gradients alone
   * @param intervals fixed intermediate bounds
   */
  AlphaCrown(BoundGraph graph, Perturbation input, Interval[] intervals, AlphaCrownOptions options) {
    this.graph = graph;
    this.input = input;
    this.intervals = intervals;
    this.options = options;
  }

  /** The optimised lower bounds of {@code rows · output}, {@code [B, R]}. */
  NDArray lowerBound(NDArray rows) {
    long rowCount = rows.getShape().get(1);
    NDArray[] parameters = new NDArray[graph.size()];
    NDArray[] firstMoment = new NDArray[graph.size()];
    NDArray[] secondMoment = new NDArray[graph.size()];
    for (int i = 1; i < graph.size(); i++) {
      if (graph.node(i).operator() instanceof OptimizableOperator optimizable) {
        NDArray initial = optimizable.initialParameters(inputBounds(i, false)).expandDims(2);
        Shape perRow = initial.getShape();
        parameters[i] = initial.broadcast(Shape.update(perRow, 2, rowCount)).duplicate();
        firstMoment[i] = parameters[i].zerosLike();
        secondMoment[i] = parameters[i].zerosLike();
      }
    }
    NDArray best = null;
    double learningRate = options.learningRate();
    for (int step = 0; ; step++) {
      NDArray bound = evaluate(rows, parameters);
      // Every projected parameter gives a sound bound, so a non-finite one is only ever skipped, never kept.
      best = best == null ? bound : NDArrays.where(bound.isNaN(), best, best.maximum(bound));
      if (step == options.iterations()) {
        return best;
      }
      learningRate *= step == 0 ? 1 : options.decay();
      for (int i = 1; i < graph.size(); i++) {
        if (parameters[i] != null) {
          // Minimising -bound (the collector's gradient is that of -bound): Adam's update with bias correction, then
          // back into the sound set.
          // A convolution's float32 input gradient comes from oneDNN, whose AVX-512 kernel gave wrong values and NaN
          // for batches > 1 (./samdp limits it to AVX2); rarely, and not reproducibly, NaN still comes back. Such
          // entries do not move, which keeps the parameters and so the bounds finite and sound.
          NDArray raw = parameters[i].getGradient();
          NDArray gradient = NDArrays.where(raw.isNaN().logicalOr(raw.isInfinite()), raw.zerosLike(), raw);
          firstMoment[i] = firstMoment[i].mul(BETA1).add(gradient.mul(1 - BETA1));
          secondMoment[i] = secondMoment[i].mul(BETA2).add(gradient.square().mul(1 - BETA2));
          NDArray mHat = firstMoment[i].div(1 - Math.pow(BETA1, step + 1));
          NDArray vHat = secondMoment[i].div(1 - Math.pow(BETA2, step + 1));
          NDArray moved = parameters[i].sub(mHat.div(vHat.sqrt().add(ADAM_EPSILON)).mul(learningRate));
          OptimizableOperator optimizable = (OptimizableOperator) graph.node(i).operator();
          parameters[i] = optimizable.project(moved, inputBounds(i, true));
        }
      }
    }
  }

  /** One bound evaluation with gradients with respect to the parameters. */
  private NDArray evaluate(NDArray rows, NDArray[] parameters) {
    for (NDArray p : parameters) {
      if (p != null) {
        p.setRequiresGradient(true);
      }
    }
    try (GradientCollector collector = newCollector()) {
      NDArray bound = new BackwardPass(graph, input, intervals, parameters).lowerBound(graph.output(), rows);
      collector.backward(bound.sum().neg());
      return bound.stopGradient();
    }
  }

  /** The bounds of a node's inputs, with a rows axis if {@code perRow}. */
  private List<Interval> inputBounds(int index, boolean perRow) {
    List<Interval> bounds = new ArrayList<>();
    for (int in : graph.node(index).inputs()) {
      bounds.add(perRow ? intervals[in].expandRows() : intervals[in]);
    }
    return bounds;
  }

  private static GradientCollector newCollector() {
    try {
      return Engine.getInstance().newGradientCollector();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("alpha-CROWN optimises with its own GradientCollector: call it while no other"
          + " GradientCollector is open", e);
    }
  }
}
