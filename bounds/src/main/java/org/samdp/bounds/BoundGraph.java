package org.samdp.bounds;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.samdp.bounds.network.Dueling;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.ops.AddOperator;
import org.samdp.bounds.ops.BoundedOperator;
import org.samdp.bounds.ops.OperatorRegistry;
import org.samdp.bounds.ops.SubtractMeanOperator;

/**
 * A network as a graph of bounded operators in topological order. Node 0 is the input; the last node is the output.
 * Layers map to one node each, except a dueling head, which becomes its two branches, a subtract-mean and an add,
 * and a recurrent layer, which is unrolled over its input sequence ({@link RecurrentUnrolling}).
 */
final class BoundGraph {

  /** One operator applied to the outputs of earlier nodes. */
  record Node(BoundedOperator operator, int[] inputs, Shape shape) {}

  private final List<Node> nodes = new ArrayList<>();
  private final RecurrentUnrolling.Form cellForm;
  private final List<RecurrentUnrolling.StateNodes> cells = new ArrayList<>();
  private final boolean[] boundsNeeded;
  private final boolean[] initialState;
  private final int[] consumers;

  private BoundGraph(Network network, OperatorRegistry registry, RecurrentUnrolling.Form cellForm) {
    this.cellForm = cellForm;
    nodes.add(new Node(null, new int[0], network.inputShape()));
    List<String> unsupported = new ArrayList<>();
    addLayers(network.layers(), 0, "", registry, unsupported);
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "the bound engine does not support " + String.join(", ", unsupported) + " of " + network);
    }
    boundsNeeded = new boolean[nodes.size()];
    consumers = new int[nodes.size()];
    initialState = new boolean[nodes.size()];
    cells.forEach(cell -> Arrays.stream(cell.initial()).forEach(node -> initialState[node] = true));
    for (Node node : nodes) {
      for (int in : node.inputs()) {
        boundsNeeded[in] |= node.operator().needsInputBounds();
        consumers[in]++;
      }
    }
  }

  /**
   * The graph of {@code network}.
   *
   * @throws IllegalArgumentException listing every layer the registry has no operator for
   */
  static BoundGraph of(Network network, OperatorRegistry registry) {
    return of(network, registry, RecurrentUnrolling.Form.MCCORMICK);
  }

  /** The graph of {@code network} with recurrent cells unrolled in the given form. */
  static BoundGraph of(Network network, OperatorRegistry registry, RecurrentUnrolling.Form cellForm) {
    return new BoundGraph(network, registry, cellForm);
  }

  private int addLayers(List<Layer> layers, int input, String where, OperatorRegistry registry,
      List<String> unsupported) {
    int current = input;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      Shape inShape = nodes.get(current).shape();
      if (layer instanceof Dueling dueling) {
        String prefix = Network.describe(i, layer, where) + " ";
        int value = addLayers(dueling.value(), current, prefix + "value branch ", registry, unsupported);
        int advantage = addLayers(dueling.advantage(), current, prefix + "advantage branch ", registry, unsupported);
        int centred = add(new SubtractMeanOperator(), nodes.get(advantage).shape(), advantage);
        Shape q = nodes.get(centred).shape();
        current = add(new AddOperator(nodes.get(value).shape().size(), q.size()), q, value, centred);
        continue;
      }
      if (layer instanceof RecurrentLayer cell) {
        RecurrentUnrolling.StateNodes state = RecurrentUnrolling.unroll(this, cellForm, cell, current);
        if (state == null) {
          unsupported.add(Network.describe(i, layer, where));
          current = add(null, layer.outputShape(inShape), current);
        } else {
          cells.add(state);
          current = state.last()[0];
        }
        continue;
      }
      Optional<BoundedOperator> operator = registry.create(layer, inShape);
      if (operator.isEmpty()) {
        unsupported.add(Network.describe(i, layer, where));
      }
      current = add(operator.orElse(null), layer.outputShape(inShape), current);
    }
    return current;
  }

  /** Appends a node; its inputs must be earlier nodes. */
  int add(BoundedOperator operator, Shape shape, int... inputs) {
    nodes.add(new Node(operator, inputs, shape));
    return nodes.size() - 1;
  }

  Node node(int index) {
    return nodes.get(index);
  }

  int size() {
    return nodes.size();
  }

  int output() {
    return nodes.size() - 1;
  }

  /** Whether an operator that relaxes around its input bounds (an activation, a product) reads this node. */
  boolean boundsNeeded(int index) {
    return boundsNeeded[index];
  }

  /** How many nodes read this node's output. */
  int consumers(int index) {
    return consumers[index];
  }

  /** The state nodes of every unrolled recurrent cell, in layer order. */
  List<RecurrentUnrolling.StateNodes> cells() {
    return cells;
  }

  /**
   * Whether the node is part of a cell's initial state: an input of the graph, like node 0, whose interval (zero, or
   * the input set's box) is where backward passes concretise it.
   */
  boolean isInitialState(int index) {
    return initialState[index];
  }

  /** Whether the node reads the network input directly. */
  boolean readsInput(int index) {
    int[] inputs = nodes.get(index).inputs();
    return inputs.length == 1 && inputs[0] == 0;
  }
}
