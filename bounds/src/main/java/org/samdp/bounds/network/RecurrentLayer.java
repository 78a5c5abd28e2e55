package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent cell in PyTorch's layout ({@code weight_ih [G·H, F]}, {@code weight_hh [G·H, H]}, {@code bias_ih},
 * {@code bias_hh [G·H]}, gates in PyTorch's order), used two ways: step by step with an explicit state (acting), and
 * as a layer of a {@link Network} that reads a whole sequence {@code [B, T, F]} from the zero state and outputs the
 * last hidden state {@code [B, H]} (many-to-one, the form the bound engine unrolls).
 */
public interface RecurrentLayer extends Layer {

  /** {@code [G·H, F]}. */
  NDArray weightIh();

  /** {@code [G·H, H]}. */
  NDArray weightHh();

  /** {@code [G·H]}. */
  NDArray biasIh();

  /** {@code [G·H]}. */
  NDArray biasHh();

  /** How many arrays the state holds: 2 for an LSTM's (h, c), else 1. */
  int stateSize();

  /**
   * One step: the state after reading {@code input} {@code [B, F]} from {@code state}; its first array is the hidden
   * state {@code h [B, H]}. Differentiable under a GradientCollector.
   */
  List<NDArray> step(NDArray input, List<NDArray> state);

  /** Hidden size H. */
  default long hiddenSize() {
    return weightHh().getShape().get(1);
  }

  /** Input feature size F. */
  default long inputSize() {
    return weightIh().getShape().get(1);
  }

  /** The zero state of {@code batch} sequences, one {@code [batch, H]} array per state part. */
  default List<NDArray> zeroState(NDManager manager, long batch, DataType dataType) {
    List<NDArray> state = new ArrayList<>();
    for (int i = 0; i < stateSize(); i++) {
      state.add(manager.zeros(new Shape(batch, hiddenSize()), dataType));
    }
    return state;
  }

  /** The last hidden state {@code [B, H]} of sequences {@code [B, T, F]} read from the zero state. */
  @Override
  default NDArray forward(NDArray input) {
    long steps = input.getShape().get(1);
    List<NDArray> state = zeroState(input.getManager(), input.getShape().get(0), input.getDataType());
    for (long t = 0; t < steps; t++) {
      state = step(input.get(":, {}, :", t), state);
    }
    return state.get(0);
  }

  @Override
  default Shape outputShape(Shape inputShape) {
    if (inputShape.dimension() != 2 || inputShape.get(1) != inputSize()) {
      throw new IllegalArgumentException("expects sequences [T, " + inputSize() + "] but gets " + inputShape);
    }
    return new Shape(hiddenSize());
  }

  @Override
  default List<NDArray> parameters() {
    return List.of(weightIh(), weightHh(), biasIh(), biasHh());
  }

  /** Checks PyTorch's shapes for a cell with {@code gates} gate blocks; returns a message or null. */
  static String checkShapes(int gates, NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) {
    Shape hh = weightHh.getShape();
    if (hh.dimension() != 2 || hh.get(0) != gates * hh.get(1)) {
      return "weight_hh must be [" + gates + "·H, H], got " + hh;
    }
    long rows = hh.get(0);
    Shape ih = weightIh.getShape();
    if (ih.dimension() != 2 || ih.get(0) != rows) {
      return "weight_ih must be [" + rows + ", F], got " + ih;
    }
    if (!biasIh.getShape().equals(new Shape(rows)) || !biasHh.getShape().equals(new Shape(rows))) {
      return "bias_ih and bias_hh must be [" + rows + "], got " + biasIh.getShape() + " and " + biasHh.getShape();
    }
    return null;
  }

  /** The affine map {@code x·Wᵀ + b}. */
  static NDArray affine(NDArray x, NDArray weight, NDArray bias) {
    return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }
}
