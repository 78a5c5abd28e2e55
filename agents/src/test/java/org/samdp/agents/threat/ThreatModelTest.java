package org.samdp.agents.threat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/** B(s) for every norm: projections land inside, masks hold coordinates still, limits clip, radii are checked. */
class ThreatModelTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** Two values, the first limited to [0, 1], the second free. */
  private ThreatModel threat(double eps, Norm norm) {
    double inf = Double.POSITIVE_INFINITY;
    Box box = new Box(new double[] {0, -inf}, new double[] {1, inf}, DType.FLOAT32);
    return ThreatModel.of(eps, norm, ObservationNormalizer.identity(2), box, manager);
  }

  private static double norm(float[] delta, int from, Norm norm) {
    double a = Math.abs(delta[from]);
    double b = Math.abs(delta[from + 1]);
    return switch (norm) {
      case INF -> Math.max(a, b);
      case L2 -> Math.sqrt(a * a + b * b);
      case L1 -> a + b;
    };
  }

  @Test
  void projectionsLandInsideEveryBallAndInsideTheLimits() {
    SplitMix64 random = new SplitMix64(3);
    float[] centres = new float[200];
    float[] candidates = new float[200];
    for (int i = 0; i < 100; i++) {
      centres[2 * i] = (float) random.nextDouble();
      centres[2 * i + 1] = (float) random.nextGaussian();
      candidates[2 * i] = centres[2 * i] + (float) random.nextGaussian();
      candidates[2 * i + 1] = centres[2 * i + 1] + (float) random.nextGaussian();
    }
    NDArray states = manager.create(centres, new Shape(100, 2));
    NDArray moved = manager.create(candidates, new Shape(100, 2));
    for (Norm norm : Norm.values()) {
      ThreatModel threat = threat(0.3, norm);
      float[] projected = threat.project(moved, states).toFloatArray();
      float[] delta = threat.project(moved, states).sub(states).toFloatArray();
      for (int b = 0; b < 100; b++) {
        assertTrue(norm(delta, 2 * b, norm) <= 0.3 + 1e-6, norm + " row " + b + ": " + norm(delta, 2 * b, norm));
        assertTrue(projected[2 * b] >= 0 && projected[2 * b] <= 1, norm + " row " + b + " left [0, 1]");
      }
      // A point already inside stays where it is.
      NDArray inside = states.add(manager.create(new float[] {0, 0.01f}));
      assertArrayEquals(inside.toFloatArray(), threat.project(inside, states).toFloatArray(), 1e-6f, norm.toString());
    }
  }

  @Test
  void theL1ProjectionIsTheEuclideanOne() {
    // (3, 1) onto the ℓ1 ball of radius 2: the threshold θ = 1 leaves (2, 0); (−1, 2) with θ = 0.5 gives (−0.5, 1.5).
    NDArray delta = manager.create(new float[] {3, 1, -1, 2, 0.5f, 0.5f}, new Shape(3, 2));
    assertArrayEquals(new float[] {2, 0, -0.5f, 1.5f, 0.5f, 0.5f}, L1Projection.project(delta, 2).toFloatArray(),
        1e-6f);
  }

  @Test
  void aMaskHoldsTheOtherValuesStillInProjectionsSolversAndBounds() {
    ThreatModel threat = ThreatModel.unbounded(0.5, 2).masked(new boolean[] {false, true});
    NDArray states = manager.create(new float[] {0.2f, 0.2f, -1, 3}, new Shape(2, 2));
    NDArray far = states.add(5);
    assertArrayEquals(new float[] {0.2f, 0.7f, -1, 3.5f}, threat.project(far, states).toFloatArray(), 1e-6f);
    NDArray found = new ProjectedGradient(5, null, false, 0).maximize(s -> s.sum(new int[] {1}), states, threat, null);
    assertArrayEquals(new float[] {0.2f, 0.7f, -1, 3.5f}, found.toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.2f, -0.3f, -1, 2.5f}, threat.lower(states).toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.2f, -0.3f, -1, 2.5f}, threat.ball(states).box().lower().toFloatArray(), 1e-6f);
  }

  @Test
  void aScaledBallStretchesEachValuesRadiusInProjectionsSolversAndBounds() {
    ThreatModel free = ThreatModel.unbounded(0.1, 2);
    NDArray states = manager.create(new float[][] {{0.5f, 0.5f}});
    for (Norm norm : Norm.values()) {
      ThreatModel scaled = (norm == Norm.INF ? free : ThreatModel.of(0.1, norm, ObservationNormalizer.identity(2),
          Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, new int[] {2}, DType.FLOAT32), manager))
          .scaled(new double[] {2, 0.5});
      float[] far = scaled.project(manager.create(new float[][] {{9f, -9f}}), states).sub(states).toFloatArray();
      // In units of each value's radius the step lies in the unit-scale ball.
      double inUnits = norm(new float[] {far[0] / 2, far[1] / 0.5f}, 0, norm);
      assertTrue(inUnits <= 0.1 + 1e-6, norm + ": " + inUnits);
      if (norm == Norm.INF) {
        assertArrayEquals(new float[] {0.2f, -0.05f}, far, 1e-6f);
      }
    }
    ThreatModel scaled = free.scaled(new double[] {2, 0.5});
    assertArrayEquals(new float[] {0.3f, 0.45f}, scaled.lower(states).toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.7f, 0.55f}, scaled.upper(states).toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.2f, 0.05f}, scaled.stretch(manager.create(new float[][] {{0.1f, 0.1f}}))
        .toFloatArray(), 1e-6f);
    // The solver's sign steps reach the far corner of the stretched box in its K steps.
    NDArray found = new ProjectedGradient(10, null, false, 0).maximize(s -> s.get(":, 0").sub(s.get(":, 1")), states,
        scaled, null);
    assertArrayEquals(new float[] {0.7f, 0.45f}, found.toFloatArray(), 1e-5f);
    assertArrayEquals(scaled.lower(states).toFloatArray(), scaled.ball(states).box().lower().toFloatArray(), 1e-6f);
    // A mask on a scaled ball keeps the scale where it perturbs.
    assertArrayEquals(new float[] {0.3f, 0.5f}, scaled.masked(new boolean[] {true, false}).lower(states)
        .toFloatArray(), 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> free.scaled(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> free.scaled(new double[] {1}));
  }

  @Test
  void theBallIsClippedOnlyWhereALimitIsWithinReach() {
    ThreatModel threat = threat(0.1, Norm.INF);
    NDArray far = manager.create(new float[] {0.5f, 0}, new Shape(1, 2));
    NDArray near = manager.create(new float[] {0.95f, 0}, new Shape(1, 2));
    assertArrayEquals(new float[] {0.6f, 0.1f}, threat.ball(far).box().upper().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {1.0f, 0.1f}, threat.ball(near).box().upper().toFloatArray(), 1e-6f);
  }

  @Test
  void radiiAreCheckedAgainstTheValidRange() {
    Box pixels = Box.uniform(0, 1, new int[] {4}, DType.FLOAT32);
    ThreatModel threat = ThreatModel.of(0.5, ObservationNormalizer.identity(4), pixels, manager);
    assertEquals(1.0, threat.withEps(1.0).eps());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threat.withEps(1.5));
    assertTrue(e.getMessage().contains("must be in [0, 1.0] for observations in [0.0, 1.0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ThreatModel.unbounded(-0.1, 4));
    assertThrows(IllegalArgumentException.class, () -> threat.masked(new boolean[] {true}));
  }
}
