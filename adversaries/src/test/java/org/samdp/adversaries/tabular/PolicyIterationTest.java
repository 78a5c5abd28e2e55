package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import org.samdp.envs.tabular.ThreeStateExample;

class PolicyIterationTest {
  private static SaMdp randomMdp(Random random, int states, int actions, double gamma) {
    List<String> stateNames = new ArrayList<>();
    for (int s = 0; s < states; s++) {
      stateNames.add("s" + s);
    }
    List<String> actionNames = new ArrayList<>();
    for (int a = 0; a < actions; a++) {
      actionNames.add("a" + a);
    }
    SaMdp.Builder builder = SaMdp.builder(stateNames, actionNames, gamma);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double[] weights = new double[states];
        double sum = 0;
        for (int next = 0; next < states; next++) {
          weights[next] = random.nextDouble();
          sum += weights[next];
        }
        for (int next = 0; next < states; next++) {
          builder.transition(s, a, next, weights[next] / sum).reward(s, a, next, random.nextGaussian());
        }
      }
    }
    return builder.build();
  }

  @Test
  void matchesTheBestOfAllDeterministicPoliciesOnRandomMdps() {
    Random random = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      SaMdp mdp = randomMdp(random, 4, 3, 0.9);
      OptimalPolicy optimal = PolicyIteration.solve(mdp, Convergence.DEFAULT);
      double[] best = new double[4];
      Arrays.fill(best, Double.NEGATIVE_INFINITY);
      for (int code = 0; code < 81; code++) {
        List<Integer> actions = List.of(code % 3, code / 3 % 3, code / 9 % 3, code / 27);
        List<Double> values = PolicyEvaluation.withoutAdversary(mdp, TabularPolicy.deterministic(3, actions));
        for (int s = 0; s < 4; s++) {
          best[s] = Math.max(best[s], values.get(s));
        }
      }
      for (int s = 0; s < 4; s++) {
        assertEquals(best[s], optimal.values().get(s), 1e-9, "trial " + trial + " state " + s);
      }
      assertTrue(optimal.iterations() >= 1);
    }
  }

  @Test
  void tiesGoToTheLowestIndexAction() {
    SaMdp ties = SaMdp.builder(List.of("s"), List.of("a0", "a1", "a2"), 0.5)
        .transition(0, 0, 0, 1.0).transition(0, 1, 0, 1.0).transition(0, 2, 0, 1.0)
        .reward(0, 1, 0, 1.0).reward(0, 2, 0, 1.0)
        .build();
    OptimalPolicy optimal = PolicyIteration.solve(ties, Convergence.DEFAULT);
    assertEquals(List.of(1), optimal.actions());
    assertEquals(2.0, optimal.values().get(0), 1e-12);
  }

  @Test
  void reportsAnIterationCapThatIsTooLow() {
    // From "always A1", S1 must switch to A2 and a second evaluation must confirm it.
    NotConvergedException e = assertThrows(NotConvergedException.class,
        () -> PolicyIteration.solve(ThreeStateExample.saMdp(), new Convergence(1e-10, 1)));
    assertTrue(e.getMessage().startsWith("policy iteration did not converge in 1 iterations"), e.getMessage());
    assertEquals(2, PolicyIteration.solve(ThreeStateExample.saMdp(), new Convergence(1e-10, 2)).iterations());
  }

  @Test
  void rejectsAnUndiscountedMdp() {
    SaMdp undiscounted = SaMdp.builder(List.of("s"), List.of("a"), 1.0).transition(0, 0, 0, 1.0).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PolicyIteration.solve(undiscounted, Convergence.DEFAULT));
    assertEquals("exact policy evaluation needs gamma < 1, got 1.0", e.getMessage());
  }
}
