package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * Soundness of every method through random small RNN, LSTM and GRU networks in float64 and float32: ℓ∞ balls of
 * several radii on every step and on one step; the bounds must hold the outputs found inside the set by sampling and
 * sign-gradient steps (evaluated in float64). Failures are collected and reported with their case.
 */
class RecurrentSoundnessFuzzTest {
  private static final double[] RADII = {0, 1e-3, 0.3};
  private static final String[] CELLS = {"rnn", "lstm", "gru"};
  /** More networks with {@code -Dfuzz.seeds=N}. */
  private static final int SEEDS = Integer.getInteger("fuzz.seeds", 1);

  @Test
  void everyMethodHoldsTheOutputsInsideTheSet() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = 0; seed < SEEDS; seed++) {
        for (String cell : CELLS) {
          int steps = 2 + seed % 3;
          Network exact = RandomCases.recurrent(cell, 300 + seed, manager, steps, 3, 4 + seed, 2);
          NDArray centre = RandomCases.centres(exact, 2, 300 + seed, manager);
          for (double eps : RADII) {
            for (int[] perturbed : new int[][] {null, {steps - 2}}) {
              LpBall exactBall = perturbed == null ? LpBall.of(centre, Norm.INF, eps)
                  : LpBall.of(centre, Norm.INF, eps).atSteps(perturbed);
              Interval found = RandomCases.empirical(exact, exactBall.box(), 40, 5);
              for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                BoundedNetwork bounded = new BoundedNetwork(exact.mapParameters(p -> p.toType(type, false)));
                NDArray typedCentre = centre.toType(type, false);
                LpBall ball = perturbed == null ? LpBall.of(typedCentre, Norm.INF, eps)
                    : LpBall.of(typedCentre, Norm.INF, eps).atSteps(perturbed);
                double slack = type == DataType.FLOAT32 ? 1e-4 : 1e-10;
                for (BoundMethod method : BoundMethod.values()) {
                  cases++;
                  String where = cell + " seed " + (300 + seed) + " " + type + " eps " + eps
                      + (perturbed == null ? " all steps " : " step " + perturbed[0] + " ") + method;
                  try {
                    Bounds bounds = bounded.compute(ball, method);
                    NDArray lower = bounds.lower().toType(DataType.FLOAT64, false);
                    NDArray upper = bounds.upper().toType(DataType.FLOAT64, false);
                    if (lower.isNaN().any().getBoolean() || upper.isNaN().any().getBoolean()) {
                      failures.add(where + ": NaN bounds");
                    } else if (lower.gt(found.lower().add(slack)).any().getBoolean()
                        || upper.lt(found.upper().sub(slack)).any().getBoolean()) {
                      failures.add(where + ": bounds " + lower + upper + " miss " + found.lower() + found.upper());
                    }
                  } catch (RuntimeException e) {
                    failures.add(where + ": " + e);
                  }
                }
              }
            }
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases unsound, e.g.\n"
        + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
  }
}
