package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a randomly initialised {@link Network} layer by layer. Weights and biases are drawn like PyTorch's defaults,
 * uniform in {@code ±1/sqrt(fanIn)}, from a seeded generator, so the same seed gives the same network.
 */
public final class NetworkBuilder {
  /** Creates one layer once the input shape, the generator and the arrays' home are known. */
  private interface LayerFactory {
    Layer create(Shape input, Init init);
  }

  /** Where a layer's random arrays come from. */
  private record Init(NDManager manager, DataType dataType, SplittableRandom random) {
    NDArray uniform(Shape shape, long fanIn) {
      double bound = 1.0 / Math.sqrt(fanIn);
      double[] values = new double[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (2 * random.nextDouble() - 1) * bound;
      }
      return manager.create(values, shape).toType(dataType, false);
    }
  }

  private final Shape inputShape;
  private final List<LayerFactory> factories = new ArrayList<>();

  NetworkBuilder(Shape inputShape) {
    this.inputShape = inputShape;
  }

  /** A fully connected layer with {@code outFeatures} outputs. */
  public NetworkBuilder linear(long outFeatures) {
    factories.add((in, init) -> randomLinear(in.size(), outFeatures, init));
    return this;
  }

  /** A square-kernel convolution with equal strides and paddings in both directions. */
  public NetworkBuilder conv2d(long outChannels, int kernel, int stride, int padding) {
    factories.add((in, init) -> {
      long fanIn = in.get(0) * kernel * kernel;
      return new Conv2d(init.uniform(new Shape(outChannels, in.get(0), kernel, kernel), fanIn),
          init.uniform(new Shape(outChannels), fanIn), stride, stride, padding, padding);
    });
    return this;
  }

  /** A ReLU. */
  public NetworkBuilder relu() {
    return add(new Relu());
  }

  /** A leaky ReLU with the given negative slope. */
  public NetworkBuilder leakyRelu(double slope) {
    return add(new LeakyRelu(slope));
  }

  /** A tanh. */
  public NetworkBuilder tanh() {
    return add(new Tanh());
  }

  /** A sigmoid. */
  public NetworkBuilder sigmoid() {
    return add(new Sigmoid());
  }

  /** A flatten. */
  public NetworkBuilder flatten() {
    return add(new Flatten());
  }

  /**
   * A dueling head: each branch is {@code linear(hidden) -> relu}, then the value branch ends in one output and the
   * advantage branch in {@code actions} outputs.
   */
  public NetworkBuilder dueling(long hidden, long actions) {
    factories.add((in, init) -> {
      List<Layer> value = List.of(randomLinear(in.size(), hidden, init), new Relu(), randomLinear(hidden, 1, init));
      List<Layer> advantage =
          List.of(randomLinear(in.size(), hidden, init), new Relu(), randomLinear(hidden, actions, init));
      return new Dueling(value, advantage);
    });
    return this;
  }

  /** A tanh RNN cell with {@code hidden} units over sequences {@code [T, F]}, to the last hidden state. */
  public NetworkBuilder rnn(long hidden) {
    return recurrent(hidden, 1, Rnn::new);
  }

  /** An LSTM cell with {@code hidden} units over sequences {@code [T, F]}, to the last hidden state. */
  public NetworkBuilder lstm(long hidden) {
    return recurrent(hidden, 4, Lstm::new);
  }

  /** A GRU cell with {@code hidden} units over sequences {@code [T, F]}, to the last hidden state. */
  public NetworkBuilder gru(long hidden) {
    return recurrent(hidden, 3, Gru::new);
  }

  /** The constructor of a recurrent cell from PyTorch's four arrays. */
  private interface CellFactory {
    Layer create(NDArray weightIh, NDArray weightHh, NDArray biasIh, NDArray biasHh);
  }

  /** PyTorch's initialisation of recurrent cells: every array uniform in {@code ±1/sqrt(hidden)}. */
  private NetworkBuilder recurrent(long hidden, int gates, CellFactory cell) {
    factories.add((in, init) -> {
      long rows = gates * hidden;
      return cell.create(init.uniform(new Shape(rows, in.get(in.dimension() - 1)), hidden),
          init.uniform(new Shape(rows, hidden), hidden), init.uniform(new Shape(rows), hidden),
          init.uniform(new Shape(rows), hidden));
    });
    return this;
  }

  /**
   * Draws the parameters and builds the network.
   *
   * @param manager owner of the parameter arrays
   * @param dataType parameter type, e.g. float32 for training or float64 for reference checks
   * @param seed seed of the initialisation
   */
  public Network build(NDManager manager, DataType dataType, long seed) {
    Init init = new Init(manager, dataType, new SplittableRandom(seed));
    List<Layer> layers = new ArrayList<>();
    Shape shape = inputShape;
    for (LayerFactory factory : factories) {
      Layer layer = factory.create(shape, init);
      shape = Network.outputShape(List.of(layer), shape, "");
      layers.add(layer);
    }
    return new Network(inputShape, layers);
  }

  private NetworkBuilder add(Layer layer) {
    factories.add((in, init) -> layer);
    return this;
  }

  private static Linear randomLinear(long inFeatures, long outFeatures, Init init) {
    return new Linear(
        init.uniform(new Shape(outFeatures, inFeatures), inFeatures), init.uniform(new Shape(outFeatures), inFeatures));
  }
}
