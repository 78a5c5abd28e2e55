package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.UnaryOperator;

/** PyTorch's vanilla RNN cell with tanh: {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. State {@code (h)}. */
public record Rnn(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) implements RecurrentLayer {

  /** Checks PyTorch's shapes: one gate block. */
  public Rnn {
    String problem = RecurrentLayer.checkShapes(1, weightIh, weightHh, biasIh, biasHh);
    if (problem != null) {
      throw new IllegalArgumentException("rnn: " + problem);
    }
  }

  @Override
  public String type() {
    return "rnn";
  }

  @Override
  public int stateSize() {
    return 1;
  }

  @Override
  public List<NDArray> step(NDArray input, List<NDArray> state) {
    NDArray h = state.get(0);
    return List.of(RecurrentLayer.affine(input, weightIh, biasIh).add(RecurrentLayer.affine(h, weightHh, biasHh))
        .tanh());
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Rnn(mapping.apply(weightIh), mapping.apply(weightHh), mapping.apply(biasIh), mapping.apply(biasHh));
  }
}
