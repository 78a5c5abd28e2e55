package org.samdp.agents.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.samdp.bounds.network.Conv2d;
import org.samdp.bounds.network.Dueling;
import org.samdp.bounds.network.Flatten;
import org.samdp.bounds.network.Gru;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Lstm;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.RecurrentLayer;
import org.samdp.bounds.network.Relu;
import org.samdp.bounds.network.Tanh;

/**
 * The architecture of a network as plain values: a layer list that {@link #build} turns into the bound engine's
 * {@link Network} with freshly drawn, seeded parameters. Checkpoints store the spec beside the weights. A spec with
 * one recurrent cell ({@code lstm}, {@code gru}) builds a {@link RecurrentNetwork} instead: the layers before the cell
 * read each step, the cell carries the history, the layers after it read the cell's hidden state.
 *
 * @param layers the layers in order
 */
public record NetworkSpec(List<LayerSpec> layers) {
  /** The gain PPO implementations give hidden layers: {@code sqrt(2)}. */
  public static final double HIDDEN_GAIN = Math.sqrt(2);

  /** Copies the list; a network needs at least one layer. */
  public NetworkSpec {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("a network spec needs at least one layer");
    }
    layers = List.copyOf(layers);
  }

  /**
   * An MLP: {@code linear(h) -> activation} for every hidden width, then {@code linear(outputs)}; hidden layers get
   * orthogonal weights with gain {@link #HIDDEN_GAIN}, the output layer {@code outputGain}, biases zero.
   *
   * @param activation {@code tanh} or {@code relu}
   */
  public static NetworkSpec mlp(List<Integer> hidden, String activation, long outputs, double outputGain) {
    List<LayerSpec> layers = new ArrayList<>();
    for (int width : hidden) {
      layers.add(LayerSpec.linear(width, HIDDEN_GAIN));
      layers.add(activation(activation));
    }
    layers.add(LayerSpec.linear(outputs, outputGain));
    return new NetworkSpec(layers);
  }

  /**
   * A convolutional stack then an MLP head: each conv is followed by a ReLU, then flatten, then {@code hidden}
   * linear+ReLU layers, then {@code head}.
   *
   * @param convs the convolutions (type {@code conv2d})
   * @param head the output layers (e.g. one linear layer, or a dueling head)
   */
  public static NetworkSpec cnn(List<LayerSpec> convs, List<Integer> hidden, Double hiddenGain, List<LayerSpec> head) {
    List<LayerSpec> layers = new ArrayList<>();
    for (LayerSpec conv : convs) {
      if (!conv.type().equals("conv2d")) {
        throw new IllegalArgumentException("the convolutional stack takes conv2d layers, got " + conv.type());
      }
      layers.add(conv);
      layers.add(LayerSpec.of("relu"));
    }
    layers.add(LayerSpec.of("flatten"));
    for (int width : hidden) {
      layers.add(new LayerSpec("linear", width, 0, 0, 0, 0, hiddenGain));
      layers.add(LayerSpec.of("relu"));
    }
    layers.addAll(head);
    return new NetworkSpec(layers);
  }

  /**
   * The DQN Atari network (Mnih et al. 2015): conv 32 8x8/4, conv 64 4x4/2, conv 64 3x3/1, linear 512, then
   * {@code head}; PyTorch's default initialisation.
   */
  public static NetworkSpec atari(List<LayerSpec> head) {
    return cnn(List.of(LayerSpec.conv2d(32, 8, 4, 0, null), LayerSpec.conv2d(64, 4, 2, 0, null),
        LayerSpec.conv2d(64, 3, 1, 0, null)), List.of(512), null, head);
  }

  /**
   * ATLA's recurrent network (§3.5): a linear embedding without activation (orthogonal, gain 0.01), one recurrent
   * cell, then a linear head with orthogonal weights of {@code outputGain}.
   *
   * @param cell {@code lstm} or {@code gru}
   */
  public static NetworkSpec recurrent(String cell, long embedding, long hidden, long outputs, double outputGain) {
    return new NetworkSpec(List.of(LayerSpec.linear(embedding, 0.01), LayerSpec.cell(cell, hidden),
        LayerSpec.linear(outputs, outputGain)));
  }

  /** True when the network has a recurrent cell: build it with {@link #buildRecurrent}. */
  @JsonIgnore
  public boolean isRecurrent() {
    return layers.stream().anyMatch(LayerSpec::isRecurrent);
  }

  private static LayerSpec activation(String name) {
    if (!name.equals("tanh") && !name.equals("relu")) {
      throw new IllegalArgumentException("activation must be tanh or relu, got '" + name + "'");
    }
    return LayerSpec.of(name);
  }

  /**
   * Draws parameters and builds the network.
   *
   * @param inputShape input shape without the batch axis
   * @param manager owner of the parameter arrays
   * @param dataType parameter type (float32 for training)
   * @param seed seed of the initialisation
   * @throws IllegalArgumentException naming the first layer that does not fit its input, or for a recurrent spec
   */
  public Network build(Shape inputShape, NDManager manager, DataType dataType, long seed) {
    if (isRecurrent()) {
      throw new IllegalArgumentException("this network has a recurrent cell; build it with buildRecurrent");
    }
    return network(0, layers.size(), inputShape, manager, dataType, new SplittableRandom(seed));
  }

  /**
   * Draws parameters and builds a network with one recurrent cell; the cell gets PyTorch's default initialisation
   * {@code U(±1/sqrt(hidden))} for all four arrays.
   *
   * @param inputShape one step's input shape without the batch axis
   * @throws IllegalArgumentException naming the first layer that does not fit its input, or for a spec with no or
   *     several cells
   */
  public RecurrentNetwork buildRecurrent(Shape inputShape, NDManager manager, DataType dataType, long seed) {
    List<Integer> cells = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).isRecurrent()) {
        cells.add(i);
      }
    }
    if (cells.size() != 1) {
      throw new IllegalArgumentException("a recurrent network has exactly one lstm or gru cell, this one has "
          + cells.size());
    }
    int at = cells.get(0);
    SplittableRandom random = new SplittableRandom(seed);
    Network encoder = at == 0 ? null : network(0, at, inputShape, manager, dataType, random);
    Shape features = encoder == null ? inputShape : encoder.outputShape();
    if (features.dimension() != 1) {
      throw new IllegalArgumentException("layer " + at + " (" + layers.get(at).type() + "): a cell reads vectors,"
          + " its input is " + features);
    }
    LayerSpec spec = layers.get(at);
    long gates = spec.type().equals("lstm") ? 4 : 3;
    long hidden = spec.size();
    NDArray weightIh = weight(new Shape(gates * hidden, features.get(0)), hidden, null, manager, dataType, random);
    NDArray weightHh = weight(new Shape(gates * hidden, hidden), hidden, null, manager, dataType, random);
    NDArray biasIh = bias(gates * hidden, hidden, null, manager, dataType, random);
    NDArray biasHh = bias(gates * hidden, hidden, null, manager, dataType, random);
    RecurrentLayer cell = spec.type().equals("lstm") ? new Lstm(weightIh, weightHh, biasIh, biasHh)
        : new Gru(weightIh, weightHh, biasIh, biasHh);
    Network head = at == layers.size() - 1 ? null
        : network(at + 1, layers.size(), new Shape(hidden), manager, dataType, random);
    return new RecurrentNetwork(inputShape, encoder, cell, head);
  }

  /** The layers {@code [from, to)} as a network over {@code inputShape}, drawing from {@code random}. */
  private Network network(int from, int to, Shape inputShape, NDManager manager, DataType dataType,
      SplittableRandom random) {
    List<Layer> built = new ArrayList<>();
    Shape shape = inputShape;
    for (int i = from; i < to; i++) {
      Layer layer = create(layers.get(i), shape, manager, dataType, random);
      try {
        shape = layer.outputShape(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(Network.describe(i, layer, "") + ": " + e.getMessage(), e);
      }
      built.add(layer);
    }
    return new Network(inputShape, built);
  }

  private static Layer create(LayerSpec spec, Shape in, NDManager manager, DataType dataType,
      SplittableRandom random) {
    return switch (spec.type()) {
      case "linear" -> linear(in.size(), spec.size(), spec.gain(), manager, dataType, random);
      case "conv2d" -> {
        long inChannels = in.dimension() == 3 ? in.get(0) : in.size();
        long fanIn = inChannels * spec.kernel() * spec.kernel();
        Shape weight = new Shape(spec.size(), inChannels, spec.kernel(), spec.kernel());
        yield new Conv2d(weight(weight, fanIn, spec.gain(), manager, dataType, random),
            bias(spec.size(), fanIn, spec.gain(), manager, dataType, random), spec.stride(), spec.stride(),
            spec.padding(), spec.padding());
      }
      case "tanh" -> new Tanh();
      case "relu" -> new Relu();
      case "flatten" -> new Flatten();
      case "dueling" -> new Dueling(
          List.of(linear(in.size(), spec.size(), null, manager, dataType, random), new Relu(),
              linear(spec.size(), 1, null, manager, dataType, random)),
          List.of(linear(in.size(), spec.size(), null, manager, dataType, random), new Relu(),
              linear(spec.size(), spec.actions(), null, manager, dataType, random)));
      default -> throw new IllegalStateException("unhandled layer type " + spec.type());
    };
  }

  private static Linear linear(long in, long out, Double gain, NDManager manager, DataType dataType,
      SplittableRandom random) {
    return new Linear(weight(new Shape(out, in), in, gain, manager, dataType, random),
        bias(out, in, gain, manager, dataType, random));
  }

  /** Orthogonal with {@code gain}, or PyTorch's default uniform {@code ±1/sqrt(fanIn)} when gain is null. */
  private static NDArray weight(Shape shape, long fanIn, Double gain, NDManager manager, DataType dataType,
      SplittableRandom random) {
    int rows = Math.toIntExact(shape.get(0));
    int cols = Math.toIntExact(shape.size() / rows);
    double[] values = gain == null ? uniform(rows * cols, fanIn, random) : Orthogonal.matrix(rows, cols, gain, random);
    return typed(manager.create(values, shape), dataType);
  }

  /** Zero with orthogonal initialisation (as PPO implementations do), PyTorch's default uniform otherwise. */
  private static NDArray bias(long size, long fanIn, Double gain, NDManager manager, DataType dataType,
      SplittableRandom random) {
    double[] values = gain == null ? uniform(Math.toIntExact(size), fanIn, random) : new double[Math.toIntExact(size)];
    return typed(manager.create(values, new Shape(size)), dataType);
  }

  private static NDArray typed(NDArray values, DataType dataType) {
    NDArray typed = values.toType(dataType, false);
    if (typed != values) {
      values.close();
    }
    return typed;
  }

  private static double[] uniform(int count, long fanIn, SplittableRandom random) {
    double bound = 1.0 / Math.sqrt(fanIn);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = (2 * random.nextDouble() - 1) * bound;
    }
    return values;
  }
}
