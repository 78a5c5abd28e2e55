package org.samdp.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.samdp.bounds.BoundGraph.Node;
import org.samdp.bounds.ops.ActivationOperator;
import org.samdp.bounds.ops.BackwardStep;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.ops.LinearOperator;
import org.samdp.bounds.ops.OptimizableOperator;
import org.samdp.bounds.ops.Relaxation;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * CROWN's backward mode: linear functions of one node are moved back through the graph, operator by operator, to the
 * input (or to nodes with known intervals) and concretised there; a recurrent cell's initial state is an input too,
 * concretised over its interval. Relaxations of activations are computed once from
 * the known pre-activation intervals and reused by every pass that shares this object.
 */
final class BackwardPass {
  private final BoundGraph graph;
  private final Perturbation input;
  private final Interval[] intervals;
  private final NDArray[] parameters;
  private final Relaxation[] relaxations;

  /**
   * A pass with CROWN's relaxations.
   *
   * @param intervals known bounds per node (at least of every node a relaxation reads that the passes go through)
   */
  BackwardPass(BoundGraph graph, Perturbation input, Interval[] intervals) {
    this(graph, input, intervals, new NDArray[graph.size()]);
  }

  /**
   * A pass with α-CROWN's relaxations.
   *
   * @param parameters per-node relaxation parameters of every bound row, {@code [P, B, R, ...shape]}, for
   *     {@link OptimizableOperator} nodes; null entries take CROWN's relaxation
   */
  BackwardPass(BoundGraph graph, Perturbation input, Interval[] intervals, NDArray[] parameters) {
    this.graph = graph;
    this.input = input;
    this.intervals = intervals;
    this.parameters = parameters;
    this.relaxations = new Relaxation[graph.size()];
  }

  /**
   * Lower bounds of {@code coefficients · node(start) + bias} over the input set.
   *
   * @param coefficients {@code [b, R, ...shape of start]}
   * @param bias {@code [b, R]} or null
   * @param concretizeAtInterval nodes below {@code start} where the pass stops and uses the node's interval
   * @return {@code [B, R]}
   */
  NDArray lowerBound(int start, NDArray coefficients, NDArray bias, IntPredicate concretizeAtInterval) {
    NDArray[] pending = new NDArray[start + 1];
    pending[start] = coefficients;
    NDArray bound = bias;
    for (int i = start; i >= 0; i--) {
      NDArray a = pending[i];
      if (a == null) {
        continue;
      }
      if (i == 0) {
        bound = sum(bound, input.concretizeLower(a));
      } else if (i != start && (concretizeAtInterval.test(i) || graph.isInitialState(i))) {
        bound = sum(bound, intervals[i].concretizeLower(a));
      } else {
        Node node = graph.node(i);
        BackwardStep step;
        if (fusesWithLinearInput(i, node, a)) {
          // The fused step skips the linear layer and lands on its input.
          node = graph.node(node.inputs()[0]);
          step = ActivationOperator.backwardThroughLinear(a, relaxation(i), (LinearOperator) node.operator());
        } else {
          step = step(i, node, a);
        }
        bound = sum(bound, step.bias());
        for (int k = 0; k < node.inputs().length; k++) {
          int in = node.inputs()[k];
          pending[in] = sum(pending[in], step.inputCoefficients().get(k));
        }
      }
    }
    return bound;
  }

  /** Lower bounds of {@code coefficients · node(start)} down to the input. */
  NDArray lowerBound(int start, NDArray coefficients) {
    return lowerBound(start, coefficients, null, i -> false);
  }

  /** Element-wise bounds of a node by one backward pass of the stacked rows {@code [I; -I]}. */
  Interval intervalOf(int index) {
    Node node = graph.node(index);
    Shape shape = node.shape();
    long n = shape.size();
    NDArray bounds;
    if (node.operator() instanceof LinearOperator linear) {
      // Start below the layer: [I; -I]·W is just [W; -W], which saves an n×n×in product.
      NDArray rows = linear.weight().concat(linear.weight().neg()).expandDims(0);
      NDArray bias = linear.bias().concat(linear.bias().neg()).expandDims(0);
      bounds = lowerBound(node.inputs()[0], rows, bias, i -> false);
    } else {
      NDArray eye = input.center().getManager().eye(Math.toIntExact(n)).toType(input.center().getDataType(), false);
      NDArray rows = eye.concat(eye.neg()).reshape(new Shape(1, 2 * n).addAll(shape));
      bounds = lowerBound(index, rows);
    }
    Shape batchShape = new Shape(bounds.getShape().get(0)).addAll(shape);
    return new Interval(bounds.get(":, :" + n).reshape(batchShape), bounds.get(":, " + n + ":").neg().reshape(batchShape));
  }

  /**
   * Whether to use {@link ActivationOperator#backwardThroughLinear}: batch-shared rows into an activation whose input
   * is a linear layer read by nothing else, with more rows than the layer has inputs (where fusing is cheaper).
   */
  private boolean fusesWithLinearInput(int index, Node node, NDArray coefficients) {
    if (!(node.operator() instanceof ActivationOperator) || coefficients.getShape().get(0) != 1
        || coefficients.getShape().dimension() != 3) {
      return false;
    }
    int feeding = node.inputs()[0];
    return graph.node(feeding).operator() instanceof LinearOperator linear
        && graph.consumers(feeding) == 1
        && relaxation(index).lowerSlope().getShape().dimension() == 2
        && coefficients.getShape().get(1) > linear.weight().getShape().get(1);
  }

  private Relaxation relaxation(int index) {
    if (relaxations[index] == null) {
      Node node = graph.node(index);
      Interval pre = intervals[node.inputs()[0]];
      if (parameters[index] == null) {
        relaxAlike(index);
      } else {
        relaxations[index] = ((ActivationOperator) node.operator()).relax(pre.expandRows(), parameters[index]);
      }
    }
    return relaxations[index];
  }

  /**
   * CROWN's relaxation of node {@code index} and, in the same operations, of every other activation node without α
   * parameters that relaxes alike, has input bounds of the same shape and is not relaxed yet: their bounds are
   * concatenated along the batch axis (so CROWN-IBP relaxes an MLP's equally wide hidden layers at the cost of one,
   * which is set by the number of operations, not their size).
   */
  private void relaxAlike(int index) {
    ActivationOperator activation = (ActivationOperator) graph.node(index).operator();
    Shape shape = intervals[graph.node(index).inputs()[0]].lower().getShape();
    List<Integer> alike = new ArrayList<>();
    NDList lowers = new NDList();
    NDList uppers = new NDList();
    for (int i = 1; i < graph.size(); i++) {
      Interval pre = graph.node(i).operator() instanceof ActivationOperator other && activation.relaxesLike(other)
          && relaxations[i] == null && parameters[i] == null ? intervals[graph.node(i).inputs()[0]] : null;
      if (pre != null && pre.lower().getShape().equals(shape)) {
        alike.add(i);
        lowers.add(pre.lower());
        uppers.add(pre.upper());
      }
    }
    if (alike.size() == 1) {
      relaxations[index] = activation.relax(new Interval(lowers.get(0), uppers.get(0)));
      return;
    }
    Relaxation all = activation.relax(new Interval(NDArrays.concat(lowers), NDArrays.concat(uppers)));
    int count = alike.size();
    NDList lowerSlopes = all.lowerSlope().split(count);
    NDList lowerIntercepts = all.lowerIntercept().split(count);
    NDList upperSlopes = all.upperSlope().split(count);
    NDList upperIntercepts = all.upperIntercept().split(count);
    for (int k = 0; k < count; k++) {
      relaxations[alike.get(k)] = new Relaxation(lowerSlopes.get(k), lowerIntercepts.get(k), upperSlopes.get(k),
          upperIntercepts.get(k));
    }
  }

  private BackwardStep step(int index, Node node, NDArray coefficients) {
    if (node.operator() instanceof ActivationOperator) {
      return ActivationOperator.backward(coefficients, relaxation(index));
    }
    List<Interval> inputBounds = new ArrayList<>();
    for (int in : node.inputs()) {
      Interval bounds = intervals[in];
      inputBounds.add(bounds != null && parameters[index] != null ? bounds.expandRows() : bounds);
    }
    return parameters[index] != null && node.operator() instanceof OptimizableOperator optimizable
        ? optimizable.propagateBackward(coefficients, inputBounds, parameters[index])
        : node.operator().propagateBackward(coefficients, inputBounds);
  }

  private static NDArray sum(NDArray a, NDArray b) {
    return a == null ? b : b == null ? a : a.add(b);
  }
}
