package org.samdp.experiments.importer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;
import org.samdp.experiments.torch.Tensor;

/**
 * An MLP of a state dict: linear layers {@code <prefix>.weight}/{@code .bias} in order with one activation between
 * them, as samdp's {@link NetworkSpec} and {@link Network} with the file's weights.
 *
 * @param spec the architecture
 * @param layers the state dict's prefixes of the linear layers, in order
 * @param inputSize values per input
 * @param outputSize values per output
 */
public record MlpLayers(NetworkSpec spec, List<String> layers, int inputSize, int outputSize) {
  /**
   * The MLP of {@code dict}'s linear layers {@code prefixes}, with {@code activation} between them and
   * {@code outputActivation} (or nothing, if null) after the last; each layer must take what the one before gives.
   *
   * @throws IllegalArgumentException naming the tensor whose shape does not fit
   */
  public static MlpLayers of(StateDict dict, List<String> prefixes, String activation, String outputActivation) {
    List<LayerSpec> layers = new ArrayList<>();
    long[] first = dict.tensor(prefixes.get(0) + ".weight").shape();
    if (first.length != 2) {
      throw new IllegalArgumentException(dict.source() + ": '" + prefixes.get(0) + ".weight' is not a matrix");
    }
    long in = first[1];
    for (int i = 0; i < prefixes.size(); i++) {
      long out = dict.tensor(prefixes.get(i) + ".weight").shape()[0];
      dict.tensor(prefixes.get(i) + ".weight", out, in);
      dict.tensor(prefixes.get(i) + ".bias", out);
      if (i > 0) {
        layers.add(LayerSpec.of(activation));
      }
      layers.add(LayerSpec.linear(out));
      in = out;
    }
    if (outputActivation != null) {
      layers.add(LayerSpec.of(outputActivation));
    }
    return new MlpLayers(new NetworkSpec(layers), List.copyOf(prefixes), Math.toIntExact(first[1]),
        Math.toIntExact(in));
  }

  /** The network with the file's weights, float32, its arrays owned by {@code manager}. */
  public Network build(StateDict dict, NDManager manager) {
    return copyInto(dict, spec.build(new Shape(inputSize), manager, DataType.FLOAT32, 0));
  }

  /**
   * Copies the file's weights into {@code network}, a network of another spec with the same linear layers in the same
   * order (a trainer's own architecture, whose initialisation gains the file does not record), and returns it.
   *
   * @throws IllegalArgumentException if its linear layers differ in number or shape
   */
  public Network copyInto(StateDict dict, Network network) {
    List<Linear> linears = network.layers().stream().filter(Linear.class::isInstance).map(Linear.class::cast)
        .toList();
    if (linears.size() != layers.size()) {
      throw new IllegalArgumentException(dict.source() + " has " + layers.size() + " linear layers " + layers
          + ", the network to fill has " + linears.size());
    }
    for (int i = 0; i < layers.size(); i++) {
      copy(dict, layers.get(i) + ".weight", linears.get(i).weight());
      copy(dict, layers.get(i) + ".bias", linears.get(i).bias());
    }
    return network;
  }

  /** The hidden widths, e.g. (64, 64): every linear layer's output but the last's. */
  public List<Integer> hidden() {
    return spec.layers().stream().filter(l -> l.type().equals("linear")).limit(layers.size() - 1)
        .map(l -> Math.toIntExact(l.size())).toList();
  }

  private static void copy(StateDict dict, String key, NDArray target) {
    Tensor tensor = dict.tensor(key);
    new TensorFile.Entry(tensor.shape(), tensor.values()).copyInto(target, dict.source() + " '" + key + "'");
  }
}
