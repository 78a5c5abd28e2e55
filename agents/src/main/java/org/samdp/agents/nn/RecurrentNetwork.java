package org.samdp.agents.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.samdp.bounds.network.Gru;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Lstm;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;

/**
 * A network with one recurrent cell (LSTM or GRU, the bound engine's {@link RecurrentLayer} in PyTorch's layout):
 * feed-forward layers read each step ({@code encoder}, optional), the cell carries the history, feed-forward layers
 * read its hidden state ({@code head}, optional). The cell runs step by step, one step when acting and over whole
 * sequences when training; {@link #history} gives the bound engine the many-to-one network it reads.
 */
public final class RecurrentNetwork {
  private final Shape inputShape;
  private final Network encoder;
  private final RecurrentLayer cell;
  private final Network head;

  /**
   * What the network computed: its outputs and the cell's state after the last step.
   *
   * @param output {@code [B, ...outputShape]} for a step, {@code [B, T, ...outputShape]} for sequences
   * @param state the cell's state ({@code (h, c)} for an LSTM, {@code (h)} for a GRU), each {@code [B, H]}
   */
  public record Output(NDArray output, List<NDArray> state) {}

  /**
   * A network from its parts.
   *
   * @param inputShape one step's input shape without the batch axis
   * @param encoder layers before the cell, or null
   * @param head layers after the cell, or null
   * @throws IllegalArgumentException if the parts do not fit together or the cell is neither an LSTM nor a GRU
   */
  public RecurrentNetwork(Shape inputShape, Network encoder, RecurrentLayer cell, Network head) {
    if (!(cell instanceof Lstm) && !(cell instanceof Gru)) {
      throw new IllegalArgumentException("the cell must be an lstm or a gru, got " + cell.type());
    }
    Shape features = encoder == null ? inputShape : encoder.outputShape();
    if (encoder != null && !encoder.inputShape().equals(inputShape)) {
      throw new IllegalArgumentException("the encoder reads " + encoder.inputShape() + ", the input is " + inputShape);
    }
    if (!features.equals(new Shape(cell.inputSize()))) {
      throw new IllegalArgumentException("the cell reads [" + cell.inputSize() + "], it gets " + features);
    }
    if (head != null && !head.inputShape().equals(new Shape(cell.hiddenSize()))) {
      throw new IllegalArgumentException("the head reads " + head.inputShape() + ", the cell outputs ["
          + cell.hiddenSize() + "]");
    }
    this.inputShape = inputShape;
    this.encoder = encoder;
    this.cell = cell;
    this.head = head;
  }

  /** One step's input shape without the batch axis. */
  public Shape inputShape() {
    return inputShape;
  }

  /** One step's output shape without the batch axis. */
  public Shape outputShape() {
    return head == null ? new Shape(cell.hiddenSize()) : head.outputShape();
  }

  /** The recurrent cell. */
  public RecurrentLayer cell() {
    return cell;
  }

  /** Every trainable array: the encoder's, the cell's, the head's. */
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>();
    if (encoder != null) {
      all.addAll(encoder.parameters());
    }
    all.addAll(cell.parameters());
    if (head != null) {
      all.addAll(head.parameters());
    }
    return all;
  }

  /** The same network over mapped parameters, e.g. {@code NDArray::stopGradient} for a frozen view. */
  public RecurrentNetwork mapParameters(UnaryOperator<NDArray> mapping) {
    return new RecurrentNetwork(inputShape, encoder == null ? null : encoder.mapParameters(mapping),
        (RecurrentLayer) cell.mapParameters(mapping), head == null ? null : head.mapParameters(mapping));
  }

  /** The zero state of {@code batch} sequences, in the parameters' type. */
  public List<NDArray> initialState(NDManager manager, long batch) {
    return cell.zeroState(manager, batch, cell.weightHh().getDataType());
  }

  /** One step {@code [B, ...inputShape]} from {@code state}: outputs {@code [B, ...outputShape]} and the next state. */
  public Output step(NDArray input, List<NDArray> state) {
    NDArray features = encoder == null ? input : encoder.forward(input);
    List<NDArray> next = cell.step(features, state);
    return new Output(head == null ? next.get(0) : head.forward(next.get(0)), next);
  }

  /**
   * Sequences {@code [B, T, ...inputShape]} from {@code initial}, with truncated backpropagation through time: the
   * state carried from one chunk of {@code truncation} steps into the next is detached, so gradients reach back at
   * most {@code truncation} steps (and never into {@code initial}). The cell runs step by step on the bound engine's
   * cell operations (PyTorch's fused float32 kernel, as DJL 0.35 calls it on CPU, disagrees with them; in float64
   * they agree, see the tests).
   *
   * @return outputs {@code [B, T, ...outputShape]} and the state after the last step
   */
  public Output sequence(NDArray inputs, List<NDArray> initial, int truncation) {
    if (truncation <= 0) {
      throw new IllegalArgumentException("truncation must be positive, got " + truncation);
    }
    Shape shape = inputs.getShape();
    long batch = shape.get(0);
    long steps = shape.get(1);
    NDArray features = inputs;
    if (encoder != null) {
      NDArray flat = inputs.reshape(new Shape(batch * steps).addAll(inputShape));
      features = encoder.forward(flat).reshape(batch, steps, cell.inputSize());
    }
    List<NDArray> state = initial;
    NDList hidden = new NDList();
    for (long t = 0; t < steps; t++) {
      if (t % truncation == 0) {
        state = state.stream().map(NDArray::stopGradient).toList();
      }
      state = cell.step(features.get(":, {}, :", t), state);
      hidden.add(state.get(0));
    }
    NDArray all = NDArrays.stack(hidden, 1);
    NDArray output = all;
    if (head != null) {
      output = head.forward(all.reshape(batch * steps, cell.hiddenSize()))
          .reshape(new Shape(batch, steps).addAll(head.outputShape()));
    }
    return new Output(output, state);
  }

  /**
   * The many-to-one network the bound engine reads: histories {@code [steps, ...inputShape]} from the zero state to
   * the output at the last step. An encoder of linear layers is folded into the cell's input weights
   * ({@code W_ih·W}, {@code b_ih + W_ih·b}), the same function over the same parameters (so bounds stay
   * differentiable with respect to them).
   *
   * @throws UnsupportedOperationException if the encoder has layers other than linear ones
   */
  public Network history(long steps) {
    NDArray weightIh = cell.weightIh();
    NDArray biasIh = cell.biasIh();
    if (encoder != null) {
      for (int i = encoder.layers().size() - 1; i >= 0; i--) {
        if (!(encoder.layers().get(i) instanceof Linear linear)) {
          throw new UnsupportedOperationException("the bound engine reads recurrent networks whose cell input is"
              + " affine; this encoder has a " + encoder.layers().get(i).type() + " layer");
        }
        biasIh = biasIh.add(weightIh.matMul(linear.bias()));
        weightIh = weightIh.matMul(linear.weight());
      }
    }
    RecurrentLayer folded = cell instanceof Lstm ? new Lstm(weightIh, cell.weightHh(), biasIh, cell.biasHh())
        : new Gru(weightIh, cell.weightHh(), biasIh, cell.biasHh());
    List<Layer> layers = new ArrayList<>(List.of(folded));
    if (head != null) {
      layers.addAll(head.layers());
    }
    return new Network(new Shape(steps).addAll(inputShape), layers);
  }
}
