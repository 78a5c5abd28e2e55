package org.samdp.bounds.fuzz;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.network.NetworkBuilder;

/**
 * Random feed-forward networks: MLPs of depth 1-4 and width 2-64, small CNNs, each layer with a random activation
 * (ReLU, leaky ReLU of a random slope, tanh, sigmoid), weights sometimes scaled up to saturate the S-shaped ones.
 */
final class RandomNetworks {
  /** A drawn network and how a failure report describes it. */
  record Drawn(Network network, String description) {}

  private RandomNetworks() {}

  static Drawn draw(Random random, NDManager manager) {
    boolean cnn = random.nextInt(10) < 3;
    List<String> parts = new ArrayList<>();
    NetworkBuilder builder;
    if (cnn) {
      Shape input = new Shape(1 + random.nextInt(3), 4 + random.nextInt(5), 4 + random.nextInt(5));
      builder = Network.builder(input);
      parts.add("CNN " + input);
      long height = input.get(1);
      long width = input.get(2);
      int convs = 1 + random.nextInt(2);
      for (int c = 0; c < convs; c++) {
        int kernel = 1 + random.nextInt((int) Math.min(3, Math.min(height, width)));
        int stride = 1 + random.nextInt(2);
        int padding = random.nextInt(2);
        long channels = 2 + random.nextInt(5);
        builder.conv2d(channels, kernel, stride, padding);
        height = (height + 2L * padding - kernel) / stride + 1;
        width = (width + 2L * padding - kernel) / stride + 1;
        parts.add("conv " + channels + "x" + kernel + "/" + stride + "+" + padding);
        parts.add(activation(builder, random));
      }
      builder.flatten();
      if (random.nextBoolean()) {
        long hidden = 2 + random.nextInt(15);
        builder.linear(hidden);
        parts.add("linear " + hidden);
        parts.add(activation(builder, random));
      }
    } else {
      Shape input = new Shape(1 + random.nextInt(8));
      builder = Network.builder(input);
      parts.add("MLP " + input);
      int depth = 1 + random.nextInt(4);
      for (int l = 0; l < depth; l++) {
        // Widths log-uniform in [2, 64].
        long hidden = Math.round(Math.exp(Math.log(2) + random.nextDouble() * Math.log(32)));
        builder.linear(hidden);
        parts.add("linear " + hidden);
        parts.add(activation(builder, random));
      }
    }
    long outputs = 1 + random.nextInt(5);
    builder.linear(outputs);
    parts.add("linear " + outputs);
    double scale = random.nextInt(4) == 0 ? 3 : 1;
    Network network = builder.build(manager, DataType.FLOAT64, random.nextLong());
    if (scale != 1) {
      network = network.mapParameters(p -> p.mul(scale));
      parts.add("weights x" + scale);
    }
    return new Drawn(network, String.join(" ", parts));
  }

  private static String activation(NetworkBuilder builder, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> {
        builder.relu();
        return "relu";
      }
      case 1 -> {
        double slope = 0.01 + 0.49 * random.nextDouble();
        builder.leakyRelu(slope);
        return String.format(java.util.Locale.ROOT, "leaky(%.3f)", slope);
      }
      case 2 -> {
        builder.tanh();
        return "tanh";
      }
      default -> {
        builder.sigmoid();
        return "sigmoid";
      }
    }
  }
}
