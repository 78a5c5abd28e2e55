package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PyTorch's GRU cell, gates {@code r, z, n}: {@code r = σ(W_ir x + b_ir + W_hr h + b_hr)}, {@code z} likewise,
 * {@code n = tanh(W_in x + b_in + r·(W_hn h + b_hn))}, {@code h' = (1 − z)·n + z·h}. State {@code (h)}.
 */
public record Gru(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh) implements RecurrentLayer {

  /** Checks PyTorch's shapes: three gate blocks. */
  public Gru {
    String problem = RecurrentLayer.checkShapes(3, weightIh, weightHh, biasIh, biasHh);
    if (problem != null) {
      throw new IllegalArgumentException("gru: " + problem);
    }
  }

  @Override
  public String type() {
    return "gru";
  }

  @Override
  public int stateSize() {
    return 1;
  }

  @Override
  public List<NDArray> step(NDArray input, List<NDArray> state) {
    NDArray h = state.get(0);
    NDList fromInput = RecurrentLayer.affine(input, weightIh, biasIh).split(3, 1);
    NDList fromHidden = RecurrentLayer.affine(h, weightHh, biasHh).split(3, 1);
    NDArray r = Activation.sigmoid(fromInput.get(0).add(fromHidden.get(0)));
    NDArray z = Activation.sigmoid(fromInput.get(1).add(fromHidden.get(1)));
    NDArray n = fromInput.get(2).add(r.mul(fromHidden.get(2))).tanh();
    // (1 − z)·n + z·h, written without a scalar operand (see Scalars).
    return List.of(n.add(z.mul(h.sub(n))));
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Gru(mapping.apply(weightIh), mapping.apply(weightHh), mapping.apply(biasIh), mapping.apply(biasHh));
  }
}
