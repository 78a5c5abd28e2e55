package org.samdp.bounds.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.samdp.bounds.network.Conv2d;
import org.samdp.bounds.network.Flatten;
import org.samdp.bounds.network.Gru;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.LeakyRelu;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Lstm;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.Relu;
import org.samdp.bounds.network.Rnn;
import org.samdp.bounds.network.Sigmoid;
import org.samdp.bounds.network.Tanh;

/** Reads the reference format's {@code network} object (PyTorch layouts, float64). */
public final class NetworkJson {
  private NetworkJson() {}

  /**
   * The network described by {@code {"input_shape": [...], "layers": [...]}}.
   *
   * @throws IllegalArgumentException listing every layer of an unsupported type at once, or naming a malformed layer
   */
  public static Network read(JsonNode network, NDManager manager) {
    Shape inputShape = new Shape(Arrays.stream(JsonArrays.toInts(network.get("input_shape"))).asLongStream().toArray());
    JsonNode layerNodes = network.get("layers");
    List<Layer> layers = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (int i = 0; i < layerNodes.size(); i++) {
      JsonNode node = layerNodes.get(i);
      String type = node.path("type").asText();
      try {
        Layer layer = layer(node, type, manager);
        if (layer == null) {
          unsupported.add("layer " + i + " (" + type + ")");
        } else {
          layers.add(layer);
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("layer " + i + " (" + type + "): " + e.getMessage(), e);
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("unsupported layers: " + String.join(", ", unsupported)
          + " (supported: linear, conv2d, relu, leaky_relu, tanh, sigmoid, flatten, rnn, lstm, gru)");
    }
    return new Network(inputShape, layers);
  }

  /** The layer of a node, or null for a type this reader does not know. */
  private static Layer layer(JsonNode node, String type, NDManager manager) {
    return switch (type) {
      case "linear" -> new Linear(array(node, "weight", manager), array(node, "bias", manager));
      case "conv2d" -> conv2d(node, manager);
      case "relu" -> new Relu();
      case "leaky_relu" -> new LeakyRelu(node.path("slope").asDouble(0.01));
      case "tanh" -> new Tanh();
      case "sigmoid" -> new Sigmoid();
      case "flatten" -> new Flatten();
      case "rnn" -> recurrent(node, manager, Rnn::new);
      case "lstm" -> recurrent(node, manager, Lstm::new);
      case "gru" -> recurrent(node, manager, Gru::new);
      default -> null;
    };
  }

  /** The four arrays of a PyTorch recurrent layer; only the tanh RNN, from the zero state, to the last hidden state. */
  private static Layer recurrent(JsonNode node, NDManager manager, RecurrentFactory factory) {
    if (!node.path("nonlinearity").asText("tanh").equals("tanh")) {
      throw new IllegalArgumentException("only the tanh nonlinearity is supported");
    }
    if (!node.path("initial_state").asText("zeros").equals("zeros")) {
      throw new IllegalArgumentException("only initial_state zeros is supported");
    }
    if (!node.path("returns").asText("last_hidden").equals("last_hidden")) {
      throw new IllegalArgumentException("only returns last_hidden is supported");
    }
    return factory.create(array(node, "weight_ih", manager), array(node, "weight_hh", manager),
        array(node, "bias_ih", manager), array(node, "bias_hh", manager));
  }

  /** The constructor of a recurrent layer from PyTorch's four arrays. */
  private interface RecurrentFactory {
    Layer create(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh);
  }

  private static Conv2d conv2d(JsonNode node, NDManager manager) {
    int[] stride = JsonArrays.toInts(node.get("stride"));
    int[] padding = JsonArrays.toInts(node.get("padding"));
    if (node.has("dilation") && !Arrays.equals(JsonArrays.toInts(node.get("dilation")), new int[] {1, 1})) {
      throw new IllegalArgumentException("only dilation [1, 1] is supported");
    }
    if (node.path("groups").asInt(1) != 1) {
      throw new IllegalArgumentException("only groups = 1 is supported");
    }
    return new Conv2d(array(node, "weight", manager), array(node, "bias", manager), stride[0], stride[1], padding[0],
        padding[1]);
  }

  private static NDArray array(JsonNode node, String field, NDManager manager) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return JsonArrays.toArray(value, manager, field);
  }
}
