package org.samdp.bounds.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.ops.Interval;

/** Input sets: exact minimisation of linear functions, masks, clipping and bad input. */
class PerturbationTest {

  /** α-CROWN differentiates the dual norm: a zero row (a zero spec row) must give a finite gradient, not 0·∞. */
  @Test
  void dualNormsOfZeroRowsHaveFiniteGradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray centre = manager.ones(new Shape(2, 3), DataType.FLOAT64);
      for (Norm norm : Norm.values()) {
        NDArray rows = manager.create(new double[] {0, 0, 0, 1, -2, 0.5}, new Shape(1, 2, 3));
        rows.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray bound = LpBall.of(centre, norm, 0.5).concretizeLower(rows);
          assertEquals(0, bound.getDouble(0, 0), 0, norm + " bound of a zero row");
          collector.backward(bound.sum());
        }
        NDArray gradient = rows.getGradient();
        assertTrue(gradient.isNaN().logicalOr(gradient.isInfinite()).none().getBoolean(),
            norm + " gradient at a zero row: " + gradient);
      }
    }
  }

  @Test
  void ballsMinimiseLinearFunctionsExactlyAtAPointOfTheBall() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(5);
      NDArray centre = manager.randomNormal(new Shape(3, 6), DataType.FLOAT64);
      NDArray rows = manager.randomNormal(new Shape(3, 2, 6), DataType.FLOAT64);
      double eps = 0.3;
      for (Norm norm : Norm.values()) {
        NDArray bound = LpBall.of(centre, norm, eps).concretizeLower(rows);
        for (int b = 0; b < 3; b++) {
          for (int r = 0; r < 2; r++) {
            NDArray a = rows.get(b + ", " + r);
            NDArray argmin = switch (norm) {
              case INF -> a.sign().mul(-eps);
              case L2 -> a.div(a.norm()).mul(-eps);
              case L1 -> a.abs().eq(a.abs().max()).toType(DataType.FLOAT64, false).mul(a.sign()).mul(-eps);
            };
            double attained = a.dot(centre.get(b).add(argmin)).getDouble();
            assertEquals(attained, bound.getDouble(b, r), 1e-12, norm + " bound is not attained");
          }
        }
      }
    }
  }

  @Test
  void maskedDimensionsStayAtTheCentre() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray centre = manager.create(new double[] {1, 2, 3, 4}, new Shape(1, 4));
      NDArray mask = manager.create(new double[] {1, 0, 1, 0});
      for (Norm norm : Norm.values()) {
        LpBall ball = LpBall.of(centre, norm, 0.5).masked(mask);
        Interval box = ball.box();
        assertEquals(0, box.upper().sub(box.lower()).get(0, 1).getDouble());
        NDArray onlyUnmasked = manager.create(new double[] {0, 1, 0, 1}, new Shape(1, 1, 4));
        assertEquals(6, ball.concretizeLower(onlyUnmasked).getDouble(0, 0), 1e-12);
      }
    }
  }

  @Test
  void clippedBallsStayInsideTheDomainAndAreNoLooser() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray centre = manager.create(new double[] {0.05, 0.5, 0.97}, new Shape(1, 3));
      NDArray rows = manager.create(new double[] {1, -1, 2}, new Shape(1, 1, 3));
      for (Norm norm : Norm.values()) {
        LpBall free = LpBall.of(centre, norm, 0.2);
        LpBall clipped = free.clippedTo(0, 1);
        Interval box = clipped.box();
        assertTrue(box.lower().gte(0).all().getBoolean() && box.upper().lte(1).all().getBoolean());
        double clippedBound = clipped.concretizeLower(rows).getDouble(0, 0);
        assertTrue(clippedBound >= free.concretizeLower(rows).getDouble(0, 0) - 1e-12);
        // The clipped ℓ∞ ball is a box: its bound is attained at a corner.
        if (norm == Norm.INF) {
          assertEquals(0 - 0.7 + 2 * 0.77, clippedBound, 1e-12);
        }
      }
    }
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray centre = manager.zeros(new Shape(2, 3), DataType.FLOAT64);
      IllegalArgumentException negative =
          assertThrows(IllegalArgumentException.class, () -> LpBall.of(centre, Norm.INF, -0.1));
      assertTrue(negative.getMessage().contains("eps must be >= 0"), negative.getMessage());
      NDArray withNaN = manager.create(new double[] {0, Double.NaN, 0, 0, 0, 0}, new Shape(2, 3));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> LpBall.of(withNaN, Norm.L2, 0.1))
          .getMessage().contains("NaN"));
      assertThrows(IllegalArgumentException.class,
          () -> LpBall.of(centre, Norm.INF, manager.create(new double[] {0.1, -0.2})));
      assertThrows(IllegalArgumentException.class, () -> LpBall.of(centre, Norm.INF, 0.1).masked(manager.ones(
          new Shape(4))));
      assertThrows(IllegalArgumentException.class, () -> new InputBox(centre.add(1), centre));
      assertThrows(IllegalArgumentException.class, () -> Norm.parse("3"));
      assertThrows(IllegalArgumentException.class, () -> LpBall.of(centre.add(2), Norm.INF, 0.1).clippedTo(0, 1));
    }
  }
}
