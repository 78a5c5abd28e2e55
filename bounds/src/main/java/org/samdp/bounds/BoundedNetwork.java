package org.samdp.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.bounds.BoundGraph.Node;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.ops.ActivationOperator;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.ops.LinearOperator;
import org.samdp.bounds.ops.OperatorRegistry;
import org.samdp.bounds.perturbation.Perturbation;
import org.samdp.bounds.perturbation.SequencesFromState;

/**
 * Bounds of a {@link Network}'s outputs over a batch of input sets. Built from the network's layer list (recurrent
 * cells unrolled over the input sequence), it shares the parameter arrays, so IBP, CROWN and CROWN-IBP bounds are
 * differentiable with respect to the weights under a DJL GradientCollector (α-CROWN is not: it runs its own
 * optimisation and returns plain values; POPQORN is meant for certificates, and its gradients are not checked). Bounds
 * are computed on the device and in the data type of the parameters, which the input sets must match.
 *
 * <p>Every call cleans up its intermediate arrays; the returned arrays belong to the manager of the input centre.
 */
public final class BoundedNetwork {
  private final Network network;
  private final OperatorRegistry registry;
  private final BoundGraph graph;
  private final BoundGraph popqornGraph;
  private final AlphaCrownOptions alphaOptions;

  /**
   * The bounded form of {@code network} with the standard operators.
   *
   * @throws IllegalArgumentException listing every unsupported layer
   */
  public BoundedNetwork(Network network) {
    this(network, OperatorRegistry.standard(), AlphaCrownOptions.DEFAULT);
  }

  /**
   * The bounded form of {@code network} with the given operators and α-CROWN optimiser.
   *
   * @throws IllegalArgumentException listing every layer {@code registry} has no operator for
   */
  public BoundedNetwork(Network network, OperatorRegistry registry, AlphaCrownOptions alphaOptions) {
    this.network = network;
    this.registry = registry;
    this.graph = BoundGraph.of(network, registry);
    // POPQORN differs from CROWN only in how recurrent cells are unrolled.
    this.popqornGraph = network.layers().stream().anyMatch(RecurrentLayer.class::isInstance)
        ? BoundGraph.of(network, registry, RecurrentUnrolling.Form.POPQORN)
        : graph;
    this.alphaOptions = alphaOptions;
  }

  /** The network being bounded. */
  public Network network() {
    return network;
  }

  /** Both bounds of the outputs, {@code [B, n]}. */
  public Bounds compute(Perturbation input, BoundMethod method) {
    return compute(input, method, null, BoundSide.BOTH);
  }

  /**
   * Bounds of {@code C·f(x)} for every input set.
   *
   * @param spec the specification {@code C}, {@code [B, S, n]}, or null for the outputs themselves
   * @param side which bounds to compute
   * @return bounds {@code [B, S]} (or {@code [B, n]} without spec)
   * @throws IllegalArgumentException if the input or spec shapes or data types do not fit the network
   */
  public Bounds compute(Perturbation input, BoundMethod method, NDArray spec, BoundSide side) {
    check(input, spec);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray rows = rows(input, spec, side);
      NDArray lowerOfRows = switch (method) {
        case IBP -> ibp(input, ibpIntervals(input, false), rows);
        case CROWN_IBP -> crown(graph, input, ibpIntervals(input, false), rows);
        case CROWN -> crown(graph, input, crownIntervals(graph, input), rows);
        case ALPHA_CROWN -> alphaCrown(input, rows);
        case POPQORN -> crown(popqornGraph, input, crownIntervals(popqornGraph, input), rows);
      };
      return result(input, lowerOfRows, side);
    }
  }

  /**
   * The CROWN-IBP training bound {@code β·CROWN-IBP + (1-β)·IBP} (chapter 5); β = 0 skips the backward pass.
   *
   * @param beta mixing weight in {@code [0, 1]}
   * @param spec the specification {@code C}, {@code [B, S, n]}, or null
   */
  public Bounds mixed(Perturbation input, double beta, NDArray spec, BoundSide side) {
    if (!(beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
    }
    check(input, spec);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray rows = rows(input, spec, side);
      Interval[] intervals = ibpIntervals(input, false);
      NDArray lowerOfRows = ibp(input, intervals, rows);
      if (beta > 0) {
        lowerOfRows = Scalars.mul(crown(graph, input, intervals, rows), beta).add(Scalars.mul(lowerOfRows, 1 - beta));
      }
      return result(input, lowerOfRows, side);
    }
  }

  /**
   * IBP bounds of the recurrent cell's state after the last step ({@code h}, and {@code c} for an LSTM, each
   * {@code [B, H]}): the box a window of later steps starts from ({@link SequencesFromState}), carried step by step at
   * the cost of one interval pass.
   *
   * @throws IllegalArgumentException if the network does not have exactly one recurrent cell, or the input does not fit
   */
  public List<Interval> finalState(Perturbation input) {
    check(input, null);
    List<RecurrentUnrolling.StateNodes> cells = graph.cells();
    if (cells.size() != 1) {
      throw new IllegalArgumentException("a final state needs exactly one recurrent cell, " + network + " has "
          + cells.size());
    }
    NDManager owner = input.center().getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Interval[] intervals = ibpIntervals(input, true);
      List<Interval> state = new ArrayList<>();
      for (int node : cells.get(0).last()) {
        state.add(intervals[node]);
        for (NDArray array : new NDArray[] {intervals[node].lower(), intervals[node].upper()}) {
          NDScope.unregister(array);
          array.attach(owner);
        }
      }
      return state;
    }
  }

  /**
   * IBP bounds of every node; the first layer after the input is bounded exactly over the input set.
   *
   * @param withOutput whether to bound an output that is not an activation too (bounds of the rows move back through
   *     it, so only a cell's final state reads its bounds)
   */
  private Interval[] ibpIntervals(Perturbation input, boolean withOutput) {
    Interval[] intervals = initialIntervals(graph, input);
    for (int i = 1; i < graph.size(); i++) {
      Node node = graph.node(i);
      boolean unread = !withOutput && i == graph.output() && !(node.operator() instanceof ActivationOperator);
      if (intervals[i] != null || unread) {
        continue;
      }
      if (graph.readsInput(i)) {
        intervals[i] = firstLayerInterval(input, node, intervals[0]);
      } else {
        List<Interval> inputs = new ArrayList<>();
        for (int in : node.inputs()) {
          inputs.add(intervals[in]);
        }
        intervals[i] = node.operator().propagateInterval(inputs);
      }
    }
    return intervals;
  }

  /**
   * CROWN bounds of every node that a relaxation reads, each by its own backward pass, except the first layer (exactly,
   * as in IBP) and activation outputs (read by products), which map their input's bounds, as auto_LiRPA does.
   */
  private static Interval[] crownIntervals(BoundGraph graph, Perturbation input) {
    Interval[] intervals = initialIntervals(graph, input);
    BackwardPass pass = new BackwardPass(graph, input, intervals);
    for (int i = 1; i < graph.size(); i++) {
      if (!graph.boundsNeeded(i) || intervals[i] != null) {
        continue;
      }
      Node node = graph.node(i);
      if (graph.readsInput(i)) {
        intervals[i] = firstLayerInterval(input, node, intervals[0]);
      } else if (node.operator() instanceof ActivationOperator activation) {
        intervals[i] = activation.propagateInterval(List.of(intervals[node.inputs()[0]]));
      } else {
        intervals[i] = pass.intervalOf(i);
      }
    }
    return intervals;
  }

  /**
   * The intervals of the graph's inputs: node 0's box and each cell's initial state, the input set's box for it
   * ({@link SequencesFromState}) or the zero state.
   */
  private static Interval[] initialIntervals(BoundGraph graph, Perturbation input) {
    Interval[] intervals = new Interval[graph.size()];
    intervals[0] = input.box();
    List<Interval> given = input instanceof SequencesFromState fromState ? fromState.state() : null;
    for (RecurrentUnrolling.StateNodes cell : graph.cells()) {
      int[] nodes = cell.initial();
      for (int k = 0; k < nodes.length; k++) {
        intervals[nodes[k]] = given != null ? given.get(k)
            : graph.node(nodes[k]).operator().propagateInterval(List.of(intervals[0]));
      }
    }
    return intervals;
  }

  private static Interval firstLayerInterval(Perturbation input, Node node, Interval box) {
    if (node.operator() instanceof LinearOperator linear) {
      return input.linearImage(linear.weight(), linear.bias());
    }
    return node.operator().propagateInterval(List.of(box));
  }

  /**
   * IBP of the rows: moved back through the output operator when it is linear (so a spec merges with the last layer,
   * as auto_LiRPA does), then concretised over the intervals below.
   */
  private NDArray ibp(Perturbation input, Interval[] intervals, NDArray rows) {
    int out = graph.output();
    if (graph.node(out).operator() instanceof ActivationOperator) {
      return intervals[out].concretizeLower(rows);
    }
    return new BackwardPass(graph, input, intervals)
        .lowerBound(out, rows, null, i -> true);
  }

  private static NDArray crown(BoundGraph graph, Perturbation input, Interval[] intervals, NDArray rows) {
    return new BackwardPass(graph, input, intervals).lowerBound(graph.output(), rows);
  }

  private NDArray alphaCrown(Perturbation input, NDArray rows) {
    Interval[] intervals = crownIntervals(graph, input);
    BoundGraph detached = BoundGraph.of(network.mapParameters(NDArray::stopGradient), registry);
    return new AlphaCrown(detached, input, intervals, alphaOptions).lowerBound(rows);
  }

  /** The bound rows: C for lower bounds, -C for upper bounds (an upper bound is minus a lower bound of -C·f). */
  private NDArray rows(Perturbation input, NDArray spec, BoundSide side) {
    NDArray c = spec;
    if (c == null) {
      Shape out = network.outputShape();
      NDManager manager = input.center().getManager();
      c = manager.eye(Math.toIntExact(out.size())).toType(input.center().getDataType(), false)
          .reshape(new Shape(1, out.size()).addAll(out));
    }
    return switch (side) {
      case LOWER -> c;
      case UPPER -> c.neg();
      case BOTH -> c.concat(c.neg(), 1);
    };
  }

  private static Bounds result(Perturbation input, NDArray lowerOfRows, BoundSide side) {
    long rowCount = lowerOfRows.getShape().get(1) / (side == BoundSide.BOTH ? 2 : 1);
    NDArray lower = side.lower() ? lowerOfRows.get(":, :" + rowCount) : null;
    NDArray upper = side.upper() ? lowerOfRows.get(":, " + (side == BoundSide.BOTH ? rowCount : 0) + ":").neg() : null;
    NDManager owner = input.center().getManager();
    for (NDArray array : new NDArray[] {lower, upper}) {
      if (array != null) {
        NDScope.unregister(array);
        array.attach(owner);
      }
    }
    return new Bounds(lower, upper);
  }

  /** A given initial state must fit the network's one recurrent cell: its parts, each {@code [B, H]}. */
  private void checkState(List<Interval> state) {
    List<RecurrentLayer> cells = network.layers().stream().filter(RecurrentLayer.class::isInstance)
        .map(RecurrentLayer.class::cast).toList();
    if (cells.size() != 1) {
      throw new IllegalArgumentException("an initial state box needs exactly one recurrent cell, " + network + " has "
          + cells.size());
    }
    RecurrentLayer cell = cells.get(0);
    int index = network.layers().indexOf(cell);
    if (state.size() != cell.stateSize()) {
      throw new IllegalArgumentException(Network.describe(index, cell, "") + " has a state of " + cell.stateSize()
          + " part(s), the initial state box has " + state.size());
    }
    for (Interval part : state) {
      if (part.lower().getShape().dimension() != 2 || part.lower().getShape().get(1) != cell.hiddenSize()) {
        throw new IllegalArgumentException(Network.describe(index, cell, "") + " has hidden size "
            + cell.hiddenSize() + ", the initial state box has parts " + part.lower().getShape());
      }
    }
  }

  private void check(Perturbation input, NDArray spec) {
    Shape center = input.center().getShape();
    Shape expected = new Shape(center.get(0)).addAll(network.inputShape());
    if (!center.equals(expected)) {
      Layer first = network.layers().get(0);
      if (first instanceof RecurrentLayer cell) {
        // The graph was unrolled for the network's sequence length, so a sequence of another length cannot be bounded.
        throw new IllegalArgumentException(Network.describe(0, first, "") + " is unrolled over T = "
            + network.inputShape().get(0) + " steps of " + cell.inputSize() + " features, but the input set has"
            + " sequences " + center.slice(1) + " (batch " + center.get(0) + ")");
      }
      throw new IllegalArgumentException("network expects inputs [batch, " + network.inputShape() + "] but the input"
          + " set has centres " + center);
    }
    if (input instanceof SequencesFromState fromState) {
      checkState(fromState.state());
    }
    NDArray weight = network.parameters().isEmpty() ? null : network.parameters().get(0);
    if (weight != null && weight.getDataType() != input.center().getDataType()) {
      throw new IllegalArgumentException("the input set is " + input.center().getDataType() + " but the network's"
          + " parameters are " + weight.getDataType());
    }
    if (spec != null) {
      Shape s = spec.getShape();
      if (s.dimension() != 3 || s.get(0) != center.get(0) || s.get(2) != network.outputShape().size()) {
        throw new IllegalArgumentException("spec must have shape [" + center.get(0) + ", S, "
            + network.outputShape().size() + "], got " + s);
      }
    }
  }
}
