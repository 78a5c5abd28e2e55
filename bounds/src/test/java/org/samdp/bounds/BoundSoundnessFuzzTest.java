package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.fuzz.SoundnessFuzz;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * Soundness under fuzzing ({@link SoundnessFuzz}): random MLPs and CNNs with every activation, float32 and float64,
 * ℓ∞/ℓ2/ℓ1 balls plain, masked and clipped and boxes, radii from 0 up, every method. {@code -Dfuzz.cases=N} runs N
 * cases from {@code -Dfuzz.first=K}; a failure names each case's seed, which {@code samdp bounds fuzz --case K} reruns.
 */
class BoundSoundnessFuzzTest {
  private static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid"};
  private static final int CASES = Integer.getInteger("fuzz.cases", 600);
  private static final long FIRST = Long.getLong("fuzz.first", 1);

  @Test
  void boundsAreFiniteOrderedAndHoldSampledAndAttackedOutputs() {
    List<String> violations = new ArrayList<>();
    int checks = 0;
    for (long seed = FIRST; seed < FIRST + CASES; seed++) {
      SoundnessFuzz.CaseResult result = SoundnessFuzz.runCase(seed);
      checks += result.checks();
      violations.addAll(result.violations());
    }
    assertTrue(violations.isEmpty(), violations.size() + " of " + checks + " checks (cases " + FIRST + " to "
        + (FIRST + CASES - 1) + ") unsound, e.g.\n" + String.join("\n", violations.subList(0, Math.min(25,
        violations.size()))));
  }

  /**
   * A specification row of zeros (or a layer that cancels) makes a zero dual-norm argument; its bound is the constant
   * 0 and α-CROWN must stay finite there, for every norm.
   */
  @Test
  void alphaCrownIsFiniteOnAZeroSpecificationRow() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String activation : ACTIVATIONS) {
        Network network = RandomCases.mlp(new Shape(4), 77, manager, 10, 2, activation, 2);
        BoundedNetwork bounded = new BoundedNetwork(network);
        NDArray centre = RandomCases.centres(network, 2, 77, manager);
        NDArray spec = manager.create(new double[] {1, -1, 0, 0}, new Shape(1, 2, 2)).repeat(0, 2);
        for (Norm norm : Norm.values()) {
          Bounds bounds = bounded.compute(LpBall.of(centre, norm, 0.62), BoundMethod.ALPHA_CROWN, spec, BoundSide.BOTH);
          double[][] lower = bounds.lowerMatrix();
          double[][] upper = bounds.upperMatrix();
          for (int b = 0; b < 2; b++) {
            String where = activation + " " + norm + " centre " + b;
            assertTrue(Double.isFinite(lower[b][0]) && Double.isFinite(upper[b][0]), where + " not finite");
            assertTrue(lower[b][1] == 0 && upper[b][1] == 0, where + " zero row bounded by [" + lower[b][1] + ", "
                + upper[b][1] + "]");
          }
        }
      }
    }
  }
}
