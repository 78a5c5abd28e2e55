package org.samdp.agents.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.dqn.DqnConfig;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.network.Network;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/**
 * The worst action margin of SA-DQN's regulariser: its value by hand, PGD's maximisation inside the ball, and the
 * convex relaxation's bound above whatever PGD finds.
 */
class ActionMarginTest {
  private static final int BATCH = 24;

  @Test
  void worstMarginAndHingeMatchHandComputedValues() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray q = manager.create(new float[] {1, 3, 2, 5, 1, 0}, new Shape(2, 3));
      // a* = 1: max(1, 2) − 3 = −1; a* = 0: max(1, 0) − 5 = −4; a* = 2 in row 1: max(5, 1) − 0 = 5.
      assertArrayEquals(new float[] {-1, -4},
          ActionMargin.worst(q, manager.create(new long[] {1, 0})).toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {-1, 5},
          ActionMargin.worst(q, manager.create(new long[] {1, 2})).toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {-1, 5, -2},
          ActionMargin.hinge(manager.create(new float[] {-1, 5, -7}), 2).toFloatArray(), 1e-6f);
      // Hinges −1, 5, −2: plainly averaged 2/3; weighted by 1, 0.1, 0.5: (−1 + 0.5 − 1) / 3 = −0.5.
      NDArray margins = manager.create(new float[] {-1, 5, -7});
      assertEquals(2f / 3, ActionMargin.meanHinge(margins, 2, null).getFloat(), 1e-6f);
      assertEquals(-0.5f, ActionMargin.meanHinge(margins, 2, manager.create(new float[] {1, 0.1f, 0.5f}))
          .getFloat(), 1e-6f);
    }
  }

  /** Binary 4×10×10 images, like MinAtar's, and the MinAtar CNN. */
  private static NDArray images(NDManager manager) {
    SplitMix64 random = new SplitMix64(3);
    float[] pixels = new float[BATCH * 400];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextDouble() < 0.15 ? 1f : 0f;
    }
    return manager.create(pixels, new Shape(BATCH, 4, 10, 10));
  }

  private static Network cnn(NDManager manager) {
    return new DqnConfig.QNetwork(DqnConfig.NetworkKind.CNN, List.of(new DqnConfig.Conv(8, 3, 1)), List.of(32), true,
        16).spec(3).build(new Shape(4, 10, 10), manager, DataType.FLOAT32, 5);
  }

  @Test
  void theConvexBoundIsAboveThePgdMarginAndPgdStaysInTheClippedBall() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network q = cnn(manager);
      BoundedNetwork bounded = new BoundedNetwork(q);
      NDArray states = images(manager);
      NDArray greedy = q.forward(states).argMax(1);
      for (double eps : new double[] {0.01, 0.05}) {
        ThreatModel pixels = pixels(eps);
        NDArray perturbed = new ProjectedGradient(20, null, true, 0).maximize(
            s -> ActionMargin.worst(q.forward(s), greedy), states, pixels, new SplitMix64(8));
        float distance = perturbed.sub(states).abs().max().getFloat();
        assertTrue(distance <= eps + 1e-6, "PGD left the ball: " + distance);
        assertTrue(perturbed.min().getFloat() >= 0 && perturbed.max().getFloat() <= 1, "PGD left [0, 1]");
        float[] clean = ActionMargin.worst(q.forward(states), greedy).toFloatArray();
        float[] attacked = ActionMargin.worst(q.forward(perturbed), greedy).toFloatArray();
        int improved = 0;
        for (int b = 0; b < BATCH; b++) {
          improved += attacked[b] > clean[b] ? 1 : 0;
        }
        assertTrue(improved >= BATCH * 9 / 10, "PGD raised the margin for only " + improved + " of " + BATCH);
        for (double beta : new double[] {0, 0.5, 1}) {
          float[] bound = ActionMargin.worstUpperBound(bounded, pixels.ball(states), greedy, beta).toFloatArray();
          for (int b = 0; b < BATCH; b++) {
            assertTrue(bound[b] >= attacked[b] - 1e-5, "eps " + eps + ", beta " + beta + ", sample " + b
                + ": bound " + bound[b] + " below the PGD margin " + attacked[b]);
          }
        }
      }
    }
  }

  @Test
  void aZeroRadiusBoundIsTheCleanMargin() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network q = cnn(manager);
      NDArray states = images(manager);
      NDArray greedy = q.forward(states).argMax(1);
      float[] clean = ActionMargin.worst(q.forward(states), greedy).toFloatArray();
      float[] bound = ActionMargin.worstUpperBound(new BoundedNetwork(q), pixels(0).ball(states),
          greedy, 1).toFloatArray();
      assertArrayEquals(clean, bound, 1e-5f);
    }
  }

  /** The ball of radius {@code eps} around 4×10×10 images with values in [0, 1]. */
  private static ThreatModel pixels(double eps) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return ThreatModel.of(eps, ObservationNormalizer.identity(400),
          Box.uniform(0, 1, new int[] {4, 10, 10}, DType.FLOAT32), manager);
    }
  }
}
