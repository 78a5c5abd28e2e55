package org.samdp.bounds;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.bounds.network.Gru;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Lstm;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.network.Rnn;
import org.samdp.bounds.ops.AddOperator;
import org.samdp.bounds.ops.BoundedOperator;
import org.samdp.bounds.ops.LinearOperator;
import org.samdp.bounds.ops.OneMinusOperator;
import org.samdp.bounds.ops.ProductOperator;
import org.samdp.bounds.ops.SigmoidGateOperator;
import org.samdp.bounds.ops.SigmoidGateOperator.Factor;
import org.samdp.bounds.ops.SigmoidOperator;
import org.samdp.bounds.ops.SliceOperator;
import org.samdp.bounds.ops.TanhOperator;
import org.samdp.bounds.ops.ZerosOperator;

/**
 * A recurrent layer unrolled over the T steps of its input sequence into nodes of basic operators that share the
 * cell's parameter arrays at every step. The cells are written as auto_LiRPA traces the unrolled cells of the
 * reference cases, because that decides which nodes get bounds of their own: LSTM gates are blocks of
 * {@code ih(x_t) + hh(h)}; GRU gates add blocks of {@code ih(x_t)} and of {@code hh(h)}, with {@code r·hh_n},
 * {@code (1 − z)·n} and {@code z·h} as products. Each part of the initial state is a node of its own, an input of the
 * graph: the zero state unless the input set gives a box for it (then {@code hh(h_0)} and the products with the state
 * are bounded over that box; at zero width at zero they are exact, as with the zero state).
 */
final class RecurrentUnrolling {

  /**
   * The state nodes of an unrolled cell, {@code (h)} or {@code (h, c)}.
   *
   * @param initial the nodes of the state entering the first step
   * @param last the nodes of the state after the last step; {@code last[0]}, h, is the layer's output
   */
  record StateNodes(int[] initial, int[] last) {}

  /** How gate products are relaxed. */
  enum Form {
    /** σ and tanh nodes of their own, their outputs multiplied by {@link ProductOperator} (McCormick planes). */
    MCCORMICK,
    /**
     * POPQORN: a gate product {@code σ(v)·q(z)} is one {@link SigmoidGateOperator} on the pre-activations, bounded by
     * planes in (v, z). The GRU's {@code (1 − z)·n} keeps the McCormick form.
     */
    POPQORN
  }

  private final BoundGraph graph;
  private final Form form;
  private final int sequence;
  private final Shape sequenceShape;
  private final long hidden;
  private final LinearOperator inputProjection;
  private final LinearOperator hiddenProjection;
  private final SigmoidOperator sigmoid = new SigmoidOperator();
  private final TanhOperator tanh = new TanhOperator();
  private final ProductOperator product = new ProductOperator();
  private final List<Integer> initial = new ArrayList<>();

  private RecurrentUnrolling(BoundGraph graph, Form form, RecurrentLayer cell, int sequence) {
    this.graph = graph;
    this.form = form;
    this.sequence = sequence;
    this.sequenceShape = graph.node(sequence).shape();
    this.hidden = cell.hiddenSize();
    this.inputProjection = new LinearOperator(new Linear(cell.weightIh(), cell.biasIh()));
    this.hiddenProjection = new LinearOperator(new Linear(cell.weightHh(), cell.biasHh()));
  }

  /**
   * Adds the unrolled {@code cell} reading the sequence node {@code sequence} to {@code graph}.
   *
   * @return the cell's state nodes, or null for a cell type that has no unrolling
   */
  static StateNodes unroll(BoundGraph graph, Form form, RecurrentLayer cell, int sequence) {
    RecurrentUnrolling unrolling = new RecurrentUnrolling(graph, form, cell, sequence);
    int[] last;
    if (cell instanceof Rnn) {
      last = unrolling.rnn();
    } else if (cell instanceof Lstm) {
      last = unrolling.lstm();
    } else if (cell instanceof Gru) {
      last = unrolling.gru();
    } else {
      return null;
    }
    return new StateNodes(unrolling.initial.stream().mapToInt(Integer::intValue).toArray(), last);
  }

  /** {@code h = tanh(ih(x_t) + hh(h))}. */
  private int[] rnn() {
    int h = initialState();
    for (long t = 0; t < steps(); t++) {
      h = apply(tanh, sum(inputProjection(t), hiddenProjection(h)));
    }
    return new int[] {h};
  }

  /** {@code z = ih(x_t) + hh(h)}; {@code c = σ(z_f)·c + σ(z_i)·tanh(z_g)}; {@code h = σ(z_o)·tanh(c)}. */
  private int[] lstm() {
    int h = initialState();
    int c = initialState();
    for (long t = 0; t < steps(); t++) {
      int z = sum(inputProjection(t), hiddenProjection(h));
      c = sum(sigmoidTimes(block(z, 4, 1), c, false), sigmoidTimes(block(z, 4, 0), block(z, 4, 2), true));
      h = sigmoidTimes(block(z, 4, 3), c, true);
    }
    return new int[] {h, c};
  }

  /** {@code r, z = σ(ih_r,z + hh_r,z)}; {@code n = tanh(ih_n + r·hh_n)}; {@code h = (1 − z)·n + z·h}. */
  private int[] gru() {
    int h = initialState();
    for (long t = 0; t < steps(); t++) {
      int in = inputProjection(t);
      int hh = hiddenProjection(h);
      int r = sum(block(in, 3, 0), block(hh, 3, 0));
      int zPre = sum(block(in, 3, 1), block(hh, 3, 1));
      int n = apply(tanh, sum(block(in, 3, 2), sigmoidTimes(r, block(hh, 3, 2), false)));
      // One σ node for z: CROWN relaxes it once for the summed coefficients of (1 − z) and z·h, which is tighter
      // than relaxing two copies separately.
      int z = apply(sigmoid, zPre);
      int carry = form == Form.POPQORN ? sigmoidTimes(zPre, h, false) : product(z, h);
      h = sum(product(apply(new OneMinusOperator(), z), n), carry);
    }
    return new int[] {h};
  }

  /** {@code σ(v)·tanh(y)} (or {@code σ(v)·y}) in this unrolling's form. */
  private int sigmoidTimes(int v, int y, boolean tanhOfY) {
    if (form == Form.POPQORN) {
      Factor factor = tanhOfY ? Factor.TANH : Factor.IDENTITY;
      return graph.add(new SigmoidGateOperator(factor), hiddenShape(), v, y);
    }
    return product(apply(sigmoid, v), tanhOfY ? apply(tanh, y) : y);
  }

  private long steps() {
    return sequenceShape.get(0);
  }

  private Shape hiddenShape() {
    return new Shape(hidden);
  }

  /** A part of the initial state: the zero state's operator, replaced by a box where the input set gives one. */
  private int initialState() {
    int node = graph.add(new ZerosOperator(hiddenShape()), hiddenShape(), sequence);
    initial.add(node);
    return node;
  }

  private int inputProjection(long t) {
    SliceOperator step = SliceOperator.timeStep(sequenceShape, t);
    int x = graph.add(step, step.outputShape(), sequence);
    return graph.add(inputProjection, new Shape(inputProjection.weight().getShape().get(0)), x);
  }

  private int hiddenProjection(int h) {
    return graph.add(hiddenProjection, new Shape(hiddenProjection.weight().getShape().get(0)), h);
  }

  private int block(int gates, int blocks, int k) {
    SliceOperator slice = SliceOperator.block(graph.node(gates).shape().get(0), blocks, k);
    return graph.add(slice, slice.outputShape(), gates);
  }

  private int apply(BoundedOperator operator, int input) {
    return graph.add(operator, graph.node(input).shape(), input);
  }

  private int sum(int x, int y) {
    Shape shape = graph.node(x).shape();
    return graph.add(new AddOperator(shape.get(0), shape.get(0)), shape, x, y);
  }

  private int product(int x, int y) {
    return graph.add(product, hiddenShape(), x, y);
  }
}
