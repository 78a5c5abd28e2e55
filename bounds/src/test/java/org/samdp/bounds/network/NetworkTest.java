package org.samdp.bounds.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.AlphaCrownOptions;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.ops.OperatorRegistry;
import org.samdp.bounds.ops.ReluOperator;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/** Construction, the forward pass, parameter sharing and the errors for bad networks and inputs. */
class NetworkTest {

  /** A layer type the standard registry does not know. */
  private record Custom(String type) implements ElementwiseLayer {
    @Override
    public NDArray forward(NDArray input) {
      return input;
    }
  }

  @Test
  void builderMakesTheRequestedShapesAndIsReproducible() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network first = Network.builder(new Shape(1, 84, 84)).conv2d(32, 8, 4, 0).relu().conv2d(64, 4, 2, 0).relu()
          .conv2d(64, 3, 1, 0).relu().flatten().linear(512).relu().dueling(16, 6).build(manager, DataType.FLOAT32, 9);
      assertEquals(new Shape(6), first.outputShape());
      assertEquals(new Shape(2, 6), first.forward(manager.zeros(new Shape(2, 1, 84, 84))).getShape());
      Network second = Network.builder(new Shape(3)).linear(4).build(manager, DataType.FLOAT64, 9);
      Network again = Network.builder(new Shape(3)).linear(4).build(manager, DataType.FLOAT64, 9);
      assertEquals(second.parameters().get(0), again.parameters().get(0));
      assertEquals(2 * 3 + 2 * 2 * 2 + 2, first.parameters().size());
    }
  }

  @Test
  void duelingHeadAddsTheValueToTheCentredAdvantage() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = Network.builder(new Shape(3)).dueling(5, 4).build(manager, DataType.FLOAT64, 2);
      Dueling head = (Dueling) network.layers().get(0);
      NDArray x = manager.randomNormal(new Shape(2, 3), DataType.FLOAT64);
      NDArray value = Network.forward(head.value(), x);
      NDArray advantage = Network.forward(head.advantage(), x);
      NDArray expected = value.add(advantage).sub(advantage.mean(new int[] {1}, true));
      assertEquals(0, expected.sub(network.forward(x)).abs().max().getDouble(), 1e-12);
    }
  }

  @Test
  void boundsShareTheTrainingParameters() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = Network.builder(new Shape(2)).linear(3).relu().linear(2).build(manager, DataType.FLOAT64, 4);
      BoundedNetwork bounded = new BoundedNetwork(network);
      NDArray centre = manager.create(new double[] {0.3, -0.2}, new Shape(1, 2));
      double before = bounded.compute(LpBall.of(centre, Norm.INF, 0), BoundMethod.CROWN).lower().getDouble(0, 0);
      network.parameters().get(3).addi(1.5); // an in-place optimiser step on the output bias
      double after = bounded.compute(LpBall.of(centre, Norm.INF, 0), BoundMethod.CROWN).lower().getDouble(0, 0);
      assertEquals(before + 1.5, after, 1e-12);
    }
  }

  @Test
  void shapeMismatchNamesTheLayer() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear first = new Linear(manager.zeros(new Shape(4, 5)), manager.zeros(new Shape(4)));
      Linear second = new Linear(manager.zeros(new Shape(2, 3)), manager.zeros(new Shape(2)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Network(new Shape(5), List.of(first, new Relu(), second)));
      assertTrue(e.getMessage().startsWith("layer 2 (linear): expects input [3]"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new Linear(manager.zeros(new Shape(2, 3)),
          manager.zeros(new Shape(3))));
      Network ok = new Network(new Shape(5), List.of(first));
      assertThrows(IllegalArgumentException.class, () -> ok.forward(manager.zeros(new Shape(2, 4))));
    }
  }

  @Test
  void nanWeightsNameTheLayer() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new double[] {1, Double.NaN}, new Shape(1, 2));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Network(new Shape(2),
          List.of(new Tanh(), new Linear(weight, manager.zeros(new Shape(1), DataType.FLOAT64)))));
      assertTrue(e.getMessage().contains("layer 1 (linear)") && e.getMessage().contains("NaN"), e.getMessage());
    }
  }

  @Test
  void everyUnsupportedLayerIsReportedAtOnceAndTheRegistryCanBeExtended() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = new Network(new Shape(3), List.of(new Custom("gelu"), new Relu(), new Custom("swish")));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoundedNetwork(network));
      assertTrue(e.getMessage().contains("layer 0 (gelu)") && e.getMessage().contains("layer 2 (swish)"),
          e.getMessage());
      OperatorRegistry extended = OperatorRegistry.standard().with(Custom.class, (layer, in) -> new ReluOperator());
      BoundedNetwork bounded = new BoundedNetwork(network, extended, AlphaCrownOptions.DEFAULT);
      NDArray centre = manager.create(new double[] {0.5, -0.5, 1}, new Shape(1, 3));
      assertEquals(0, bounded.compute(LpBall.of(centre, Norm.INF, 0.1), BoundMethod.IBP).lower().getDouble(0, 1));
    }
  }

  @Test
  void badInputsToTheBoundEngineAreRejected() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = Network.builder(new Shape(3)).linear(2).build(manager, DataType.FLOAT64, 1);
      BoundedNetwork bounded = new BoundedNetwork(network);
      NDArray wrongShape = manager.zeros(new Shape(2, 4), DataType.FLOAT64);
      assertThrows(IllegalArgumentException.class,
          () -> bounded.compute(LpBall.of(wrongShape, Norm.INF, 0.1), BoundMethod.CROWN));
      NDArray singles = manager.zeros(new Shape(2, 3), DataType.FLOAT32);
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> bounded.compute(LpBall.of(singles, Norm.INF, 0.1), BoundMethod.IBP)).getMessage().contains("float"));
      LpBall ball = LpBall.of(manager.zeros(new Shape(2, 3), DataType.FLOAT64), Norm.INF, 0.1);
      assertThrows(IllegalArgumentException.class, () -> bounded.compute(ball, BoundMethod.CROWN,
          manager.zeros(new Shape(2, 1, 3), DataType.FLOAT64), BoundSide.BOTH));
      assertThrows(IllegalArgumentException.class, () -> bounded.mixed(ball, 1.5, null, BoundSide.BOTH));
      assertThrows(IllegalArgumentException.class, () -> BoundMethod.parse("beta-CROWN"));
    }
  }
}
