package org.samdp.bounds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.NetworkBuilder;
import org.samdp.bounds.ops.Interval;

/** Random networks and inputs for property tests, and an empirical search for output extremes inside a box. */
final class RandomCases {
  private RandomCases() {}

  /** A random feed-forward network of one of several families (MLPs of each activation, a CNN, a dueling head). */
  static Network network(int family, long seed, NDManager manager) {
    Random random = new Random(seed);
    int in = 2 + random.nextInt(6);
    int hidden = 4 + random.nextInt(12);
    int out = 2 + random.nextInt(4);
    return switch (family % 6) {
      case 0 -> mlp(new Shape(in), seed, manager, hidden, out, "relu", 1 + random.nextInt(3));
      case 1 -> mlp(new Shape(in), seed, manager, hidden, out, "tanh", 1 + random.nextInt(3));
      case 2 -> mlp(new Shape(in), seed, manager, hidden, out, "sigmoid", 1 + random.nextInt(3));
      case 3 -> mlp(new Shape(in), seed, manager, hidden, out, "leaky", 1 + random.nextInt(3));
      case 4 -> Network.builder(new Shape(2, 7, 6)).conv2d(3, 3, 2, 1).relu().conv2d(4, 2, 1, 0).tanh().flatten()
          .linear(out).build(manager, DataType.FLOAT64, seed);
      default -> Network.builder(new Shape(in)).linear(hidden).relu().dueling(hidden, out)
          .build(manager, DataType.FLOAT64, seed);
    };
  }

  static Network mlp(Shape input, long seed, NDManager manager, int hidden, int out, String activation, int layers) {
    NetworkBuilder builder = Network.builder(input);
    for (int l = 0; l < layers; l++) {
      builder.linear(hidden);
      switch (activation) {
        case "relu" -> builder.relu();
        case "tanh" -> builder.tanh();
        case "sigmoid" -> builder.sigmoid();
        default -> builder.leakyRelu(0.1);
      }
    }
    return builder.linear(out).build(manager, DataType.FLOAT64, seed);
  }

  /**
   * A random many-to-one recurrent network: an {@code rnn}, {@code lstm} or {@code gru} cell over sequences
   * {@code [steps, features]} followed by a linear layer.
   */
  static Network recurrent(String cell, long seed, NDManager manager, int steps, int features, int hidden, int out) {
    NetworkBuilder builder = Network.builder(new Shape(steps, features));
    switch (cell) {
      case "rnn" -> builder.rnn(hidden);
      case "gru" -> builder.gru(hidden);
      default -> builder.lstm(hidden);
    }
    return builder.linear(out).build(manager, DataType.FLOAT64, seed);
  }

  /** Centres {@code [batch, ...shape]} in [-1, 1]. */
  static NDArray centres(Network network, int batch, long seed, NDManager manager) {
    manager.getEngine().setRandomSeed((int) seed);
    return manager.randomUniform(-1, 1, new Shape(batch).addAll(network.inputShape()), DataType.FLOAT64);
  }

  /**
   * Output extremes found inside a box: random points (half of them vertices) and a few steps of sign-gradient ascent
   * and descent per output from the best sampled points. Returns {@code [min, max]}, each {@code [B, n]}.
   */
  static Interval empirical(Network network, Interval box, int samples, int pgdSteps) {
    NDArray lower = box.lower();
    NDArray width = box.upper().sub(lower);
    NDManager manager = lower.getManager();
    List<NDArray> outputs = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      NDArray u = manager.randomUniform(0, 1, lower.getShape(), DataType.FLOAT64);
      NDArray point = lower.add(width.mul(s % 2 == 0 ? u : u.gt(0.5).toType(DataType.FLOAT64, false)));
      outputs.add(network.forward(point));
    }
    NDArray min = outputs.stream().reduce(NDArray::minimum).orElseThrow();
    NDArray max = outputs.stream().reduce(NDArray::maximum).orElseThrow();
    long n = min.getShape().get(1);
    for (int j = 0; j < n; j++) {
      for (int direction : new int[] {-1, 1}) {
        NDArray x = box.mid();
        for (int step = 0; step < pgdSteps; step++) {
          x.setRequiresGradient(true);
          NDArray y;
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            y = network.forward(x);
            collector.backward(y.get(":, " + j).sum().mul(direction));
          }
          NDArray next = x.add(x.getGradient().sign().mul(width).mul(0.25))
              .maximum(box.lower()).minimum(box.upper()).stopGradient();
          NDArray value = network.forward(next);
          min = min.minimum(value);
          max = max.maximum(value);
          x = next;
        }
      }
    }
    return new Interval(min, max);
  }
}
