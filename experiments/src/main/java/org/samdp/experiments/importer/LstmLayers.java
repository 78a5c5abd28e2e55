package org.samdp.experiments.importer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.experiments.torch.Tensor;

/**
 * ATLA's recurrent network of a state dict ({@code CtsLSTMPolicy}, {@code ValueLSTMNet}): {@code embedding_layer}
 * (linear, no activation), one LSTM layer {@code lstm.*_l0} (PyTorch's gate order i, f, g, o, both bias vectors),
 * then a linear {@code head}; as samdp's {@link NetworkSpec#recurrent} network with the file's weights.
 *
 * @param head the state dict's prefix of the head ({@code output_layer} for a policy, {@code final} for a value)
 * @param inputSize values per observation
 * @param embedding the embedding's width
 * @param hidden the LSTM's hidden size
 * @param outputSize values per output
 */
public record LstmLayers(String head, int inputSize, int embedding, int hidden, int outputSize) {
  /** The key that marks an LSTM agent. */
  public static final String CELL = "lstm.weight_ih_l0";

  /**
   * The layers of {@code dict}'s recurrent network with the head {@code head}, every shape checked.
   *
   * @throws IllegalArgumentException naming the tensor that is missing or does not fit
   */
  public static LstmLayers of(StateDict dict, String head) {
    long[] embedding = dict.tensor("embedding_layer.weight").shape();
    if (embedding.length != 2) {
      throw new IllegalArgumentException(dict.source() + ": 'embedding_layer.weight' is not a matrix");
    }
    dict.tensor("embedding_layer.bias", embedding[0]);
    long[] recurrent = dict.tensor("lstm.weight_hh_l0").shape();
    if (recurrent.length != 2 || recurrent[0] != 4 * recurrent[1]) {
      throw new IllegalArgumentException(dict.source() + ": 'lstm.weight_hh_l0' has shape "
          + Arrays.toString(recurrent) + ", an LSTM's is [4·H, H]");
    }
    long hidden = recurrent[1];
    dict.tensor(CELL, 4 * hidden, embedding[0]);
    dict.tensor("lstm.bias_ih_l0", 4 * hidden);
    dict.tensor("lstm.bias_hh_l0", 4 * hidden);
    if (dict.has("lstm.weight_ih_l1")) {
      throw new IllegalArgumentException(dict.source() + " has a second LSTM layer; samdp's recurrent policies have"
          + " one");
    }
    long outputs = dict.tensor(head + ".weight").shape()[0];
    dict.tensor(head + ".weight", outputs, hidden);
    dict.tensor(head + ".bias", outputs);
    return new LstmLayers(head, Math.toIntExact(embedding[1]), Math.toIntExact(embedding[0]),
        Math.toIntExact(hidden), Math.toIntExact(outputs));
  }

  /** The architecture (the trainer's initialisation gains, which the file does not record, do not matter here). */
  public NetworkSpec spec() {
    return NetworkSpec.recurrent("lstm", embedding, hidden, outputSize, 1.0);
  }

  /** The network with the file's weights, float32, its arrays owned by {@code manager}. */
  public RecurrentNetwork build(StateDict dict, NDManager manager) {
    RecurrentNetwork network = spec().buildRecurrent(new Shape(inputSize), manager, DataType.FLOAT32, 0);
    // RecurrentNetwork's parameters: the embedding's, the cell's (W_ih, W_hh, b_ih, b_hh), the head's.
    List<String> keys = List.of("embedding_layer.weight", "embedding_layer.bias", CELL, "lstm.weight_hh_l0",
        "lstm.bias_ih_l0", "lstm.bias_hh_l0", head + ".weight", head + ".bias");
    List<NDArray> parameters = network.parameters();
    for (int i = 0; i < keys.size(); i++) {
      Tensor tensor = dict.tensor(keys.get(i));
      new TensorFile.Entry(tensor.shape(), tensor.values()).copyInto(parameters.get(i),
          dict.source() + " '" + keys.get(i) + "'");
    }
    return network;
  }
}
