package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/** Soundness and the expected ordering of the methods on many random networks and inputs. */
class BoundedNetworkPropertyTest {
  private static final double SLACK = 1e-9;

  @Test
  void sampledAndAttackedOutputsLieInsideEveryMethodsBounds() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = 0; seed < 24; seed++) {
        Network network = RandomCases.network(seed, 100 + seed, manager);
        BoundedNetwork bounded = new BoundedNetwork(network);
        double eps = 0.02 + 0.1 * (seed % 4);
        LpBall ball = LpBall.of(RandomCases.centres(network, 3, seed, manager), Norm.INF, eps);
        Interval reached = RandomCases.empirical(network, ball.box(), 64, 6);
        for (BoundMethod method : BoundMethod.values()) {
          Bounds bounds = bounded.compute(ball, method);
          assertInside(reached, bounds, network + " " + method + " eps " + eps);
        }
      }
    }
  }

  @Test
  void mixedTrainingBoundIsTheConvexCombinationOfCrownIbpAndIbp() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = RandomCases.network(1, 7, manager);
      BoundedNetwork bounded = new BoundedNetwork(network);
      LpBall ball = LpBall.of(RandomCases.centres(network, 4, 7, manager), Norm.INF, 0.1);
      Bounds ibp = bounded.compute(ball, BoundMethod.IBP);
      Bounds crownIbp = bounded.compute(ball, BoundMethod.CROWN_IBP);
      Bounds mixed = bounded.mixed(ball, 0.3, null, BoundSide.BOTH);
      assertClose(crownIbp.lower().mul(0.3).add(ibp.lower().mul(0.7)), mixed.lower(), 1e-12);
      assertClose(crownIbp.upper().mul(0.3).add(ibp.upper().mul(0.7)), mixed.upper(), 1e-12);
      assertClose(ibp.lower(), bounded.mixed(ball, 0, null, BoundSide.LOWER).lower(), 1e-12);
    }
  }

  /**
   * At radii small enough for every ReLU to be stable and tanh/sigmoid to be nearly linear, CROWN is the exact
   * (first-order) linear bound, which the triangle inequality puts inside IBP's.
   */
  @Test
  void crownIsNeverLooserThanIbpInTheLinearRegime() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = 0; seed < 18; seed++) {
        String activation = new String[] {"relu", "tanh", "sigmoid"}[seed % 3];
        Network network = RandomCases.mlp(new ai.djl.ndarray.types.Shape(5), 300 + seed, manager, 12, 4, activation,
            1 + seed % 3);
        BoundedNetwork bounded = new BoundedNetwork(network);
        LpBall ball = LpBall.of(RandomCases.centres(network, 4, seed, manager), Norm.INF, 1e-5);
        Bounds ibp = bounded.compute(ball, BoundMethod.IBP);
        Bounds crown = bounded.compute(ball, BoundMethod.CROWN);
        NDArray ibpWidth = ibp.upper().sub(ibp.lower());
        NDArray crownWidth = crown.upper().sub(crown.lower());
        assertTrue(crownWidth.lte(ibpWidth.mul(1 + 1e-9)).all().getBoolean(), network + ": CROWN wider than IBP");
        assertTrue(crown.lower().gte(ibp.lower().sub(1e-12)).all().getBoolean(), network + ": CROWN lower below IBP");
      }
    }
  }

  @Test
  void boundsShrinkToTheForwardValueAsEpsGoesToZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = 0; seed < 12; seed++) {
        Network network = RandomCases.network(seed, 500 + seed, manager);
        BoundedNetwork bounded = new BoundedNetwork(network);
        NDArray centres = RandomCases.centres(network, 2, seed, manager);
        NDArray forward = network.forward(centres);
        for (BoundMethod method : BoundMethod.values()) {
          double previousGap = Double.POSITIVE_INFINITY;
          for (double eps : new double[] {1e-2, 1e-4, 1e-6, 0}) {
            Bounds bounds = bounded.compute(LpBall.of(centres, Norm.INF, eps), method);
            double gap = bounds.upper().sub(forward).abs().maximum(bounds.lower().sub(forward).abs()).max()
                .getDouble();
            assertTrue(gap <= previousGap + 1e-12, network + " " + method + " gap grew at eps " + eps);
            assertTrue(gap <= 1e3 * eps + 1e-10, network + " " + method + " gap " + gap + " at eps " + eps);
            previousGap = gap;
          }
        }
      }
    }
  }

  @Test
  void lowerOnlyAndUpperOnlyMatchBoth() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = RandomCases.network(4, 11, manager);
      BoundedNetwork bounded = new BoundedNetwork(network);
      LpBall ball = LpBall.of(RandomCases.centres(network, 2, 11, manager), Norm.INF, 0.05);
      for (BoundMethod method : new BoundMethod[] {BoundMethod.IBP, BoundMethod.CROWN, BoundMethod.CROWN_IBP}) {
        Bounds both = bounded.compute(ball, method);
        assertClose(both.lower(), bounded.compute(ball, method, null, BoundSide.LOWER).lower(), 1e-12);
        assertClose(both.upper(), bounded.compute(ball, method, null, BoundSide.UPPER).upper(), 1e-12);
      }
    }
  }

  @Test
  void alphaCrownIsNeverLooserThanCrownAndLeavesTheWeightGradientsAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = 0; seed < 6; seed++) {
        Network network = RandomCases.network(seed % 3, 900 + seed, manager);
        network.parameters().forEach(p -> p.setRequiresGradient(true));
        BoundedNetwork bounded = new BoundedNetwork(network);
        LpBall ball = LpBall.of(RandomCases.centres(network, 2, seed, manager), Norm.INF, 0.3);
        Bounds crown = bounded.compute(ball, BoundMethod.CROWN);
        Bounds alpha = bounded.compute(ball, BoundMethod.ALPHA_CROWN);
        assertTrue(alpha.lower().gte(crown.lower().sub(1e-12)).all().getBoolean());
        assertTrue(alpha.upper().lte(crown.upper().add(1e-12)).all().getBoolean());
        for (NDArray p : network.parameters()) {
          assertEquals(0, p.getGradient().abs().sum().toType(DataType.FLOAT64, false).getDouble(), 0, "alpha-CROWN touched a weight gradient");
        }
      }
    }
  }

  @Test
  void float32BoundsAgreeWithFloat64() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network network = RandomCases.network(1, 21, manager);
      Network single = network.mapParameters(p -> p.toType(DataType.FLOAT32, false));
      NDArray centres = RandomCases.centres(network, 3, 21, manager);
      for (BoundMethod method : BoundMethod.values()) {
        Bounds wide = new BoundedNetwork(network).compute(LpBall.of(centres, Norm.INF, 0.05), method);
        Bounds narrow = new BoundedNetwork(single)
            .compute(LpBall.of(centres.toType(DataType.FLOAT32, false), Norm.INF, 0.05), method);
        assertEquals(DataType.FLOAT32, narrow.lower().getDataType());
        assertClose(wide.lower(), narrow.lower().toType(DataType.FLOAT64, false), 1e-4);
        assertClose(wide.upper(), narrow.upper().toType(DataType.FLOAT64, false), 1e-4);
      }
    }
  }

  static void assertInside(Interval reached, Bounds bounds, String what) {
    assertTrue(bounds.lower().lte(reached.lower().add(SLACK)).all().getBoolean(), what + ": lower bound not sound");
    assertTrue(bounds.upper().gte(reached.upper().sub(SLACK)).all().getBoolean(), what + ": upper bound not sound");
  }

  static void assertClose(NDArray expected, NDArray actual, double tolerance) {
    double difference = expected.sub(actual).abs().max().getDouble();
    assertTrue(difference <= tolerance, "differs by " + difference);
  }
}
