package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/** Bounds are differentiable with respect to the weights: autograd agrees with central finite differences. */
class GradientTest {
  private static final double STEP = 1e-6;

  @Test
  void gradientOfALossOnTheBoundsMatchesFiniteDifferences() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = RandomCases.mlp(new Shape(4), 77, manager, 8, 3, "tanh", 2);
      NDArray centres = RandomCases.centres(network, 3, 77, manager);
      NDArray spec = manager.create(new double[] {1, -1, 0, 0, 1, -1}, new Shape(1, 2, 3)).repeat(0, 3);
      List<Function<Network, NDArray>> losses = List.of(
          n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.INF, 0.1), BoundMethod.IBP)),
          n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.L2, 0.2), BoundMethod.CROWN)),
          n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.INF, 0.1), BoundMethod.CROWN_IBP, spec,
              BoundSide.BOTH)),
          n -> loss(new BoundedNetwork(n).mixed(LpBall.of(centres, Norm.L1, 0.3), 0.4, null, BoundSide.BOTH)));
      for (Function<Network, NDArray> loss : losses) {
        checkGradient(network, loss);
      }
    }
  }

  @Test
  void convolutionalBoundsAreDifferentiableToo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = RandomCases.network(4, 31, manager);
      NDArray centres = RandomCases.centres(network, 2, 31, manager);
      checkGradient(network, n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.INF, 0.05),
          BoundMethod.CROWN_IBP)));
    }
  }

  /** RNN, LSTM and GRU cells, unrolled. */
  @Test
  void recurrentBoundsAreDifferentiableToo() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String cell : new String[] {"rnn", "lstm", "gru"}) {
        Network network = RandomCases.recurrent(cell, 41, manager, 3, 2, 3, 2);
        NDArray centres = RandomCases.centres(network, 2, 41, manager);
        checkGradient(network, n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.INF, 0.1),
            BoundMethod.CROWN)), 5);
        checkGradient(network, n -> loss(new BoundedNetwork(n).compute(LpBall.of(centres, Norm.INF, 0.2).atSteps(1),
            BoundMethod.CROWN_IBP)), 5);
      }
    }
  }

  /** A loss that weighs the two sides differently, so that a sign error cannot cancel out. */
  private static NDArray loss(Bounds bounds) {
    return bounds.upper().sub(bounds.lower()).sum().add(bounds.lower().square().sum());
  }

  private static void checkGradient(Network network, Function<Network, NDArray> loss) {
    checkGradient(network, loss, 3);
  }

  /** Compares autograd with finite differences at every {@code stride}-th entry of every parameter. */
  private static void checkGradient(Network network, Function<Network, NDArray> loss, int stride) {
    List<NDArray> parameters = network.parameters();
    parameters.forEach(p -> p.setRequiresGradient(true));
    // DJL accumulates gradients across backward calls.
    parameters.forEach(p -> p.getGradient().subi(p.getGradient()));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.apply(network));
    }
    for (int p = 0; p < parameters.size(); p++) {
      NDArray parameter = parameters.get(p);
      double[] gradient = parameter.getGradient().toDoubleArray();
      long size = parameter.size();
      double largest = 0;
      for (int k = 0; k < size; k += stride) {
        double numeric = (shifted(network, parameter, k, STEP, loss) - shifted(network, parameter, k, -STEP, loss))
            / (2 * STEP);
        assertEquals(numeric, gradient[k], 1e-5 * Math.max(1, Math.abs(numeric)),
            "parameter " + p + " entry " + k);
        largest = Math.max(largest, Math.abs(gradient[k]));
      }
      assertTrue(largest > 0, "parameter " + p + " got no gradient");
    }
  }

  private static double shifted(Network network, NDArray target, int index, double step,
      Function<Network, NDArray> loss) {
    NDArray delta = target.zerosLike().reshape(-1);
    delta.set(new NDIndex(index), step);
    Network moved = network.mapParameters(p -> p == target ? p.stopGradient().add(delta.reshape(p.getShape()))
        : p.stopGradient());
    return loss.apply(moved).getDouble();
  }
}
