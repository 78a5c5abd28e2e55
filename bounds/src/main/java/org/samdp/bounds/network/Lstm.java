package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PyTorch's LSTM cell, gates {@code i, f, g, o}: {@code z = W_ih x + b_ih + W_hh h + b_hh}; {@code i, f, o} are
 * sigmoids and {@code g} a tanh of their blocks of z; {@code c' = f·c + i·g}, {@code h' = o·tanh(c')}. State
 * {@code (h, c)}.
 */
public record Lstm(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) implements RecurrentLayer {

  /** Checks PyTorch's shapes: four gate blocks. */
  public Lstm {
    String problem = RecurrentLayer.checkShapes(4, weightIh, weightHh, biasIh, biasHh);
    if (problem != null) {
      throw new IllegalArgumentException("lstm: " + problem);
    }
  }

  @Override
  public String type() {
    return "lstm";
  }

  @Override
  public int stateSize() {
    return 2;
  }

  @Override
  public List<NDArray> step(NDArray input, List<NDArray> state) {
    NDArray h = state.get(0);
    NDArray c = state.get(1);
    NDArray z = RecurrentLayer.affine(input, weightIh, biasIh).add(RecurrentLayer.affine(h, weightHh, biasHh));
    NDList gates = z.split(4, 1);
    NDArray nextC = Activation.sigmoid(gates.get(1)).mul(c)
        .add(Activation.sigmoid(gates.get(0)).mul(gates.get(2).tanh()));
    NDArray nextH = Activation.sigmoid(gates.get(3)).mul(nextC.tanh());
    return List.of(nextH, nextC);
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Lstm(mapping.apply(weightIh), mapping.apply(weightHh), mapping.apply(biasIh), mapping.apply(biasHh));
  }
}
