package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.tabular.ThreeStateExample.S1;
import static org.samdp.envs.tabular.ThreeStateExample.S2;
import static org.samdp.envs.tabular.ThreeStateExample.S3;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.samdp.envs.tabular.GridWorld;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import org.samdp.envs.tabular.ThreeStateExample;

/** Lemma 6.2.7: the construction of M̂, and value iteration on it against Algorithm 6.4. */
class AdversaryMdpTest {
  @Test
  void transitionsAreThePolicyAveragedDynamics() {
    AdversaryMdp mHat = AdversaryMdp.of(ThreeStateExample.saMdp(), ThreeStateExample.policy(0.25, 1, 0));
    // Shown S1 in S1: stay w.p. 0.25 (A1), move to S2 w.p. 0.75 (A2).
    assertEquals(0.25, mHat.probability(S1, S1, S1));
    assertEquals(0.75, mHat.probability(S1, S1, S2));
    // Shown S2 (p21 = 1) in S3: A1 stays in S3; shown S3 (p31 = 0) in S3: A2 moves to S1.
    assertEquals(1.0, mHat.probability(S3, S2, S3));
    assertEquals(1.0, mHat.probability(S3, S3, S1));
    assertEquals(-1.0, mHat.reward(S1, S1, S2));
    assertEquals(0.0, mHat.reward(S1, S1, S1));
    assertEquals(-1.0, mHat.reward(S3, S2, S3));
    assertEquals(0.99, mHat.gamma());
  }

  @Test
  void rewardsAreTheNegatedPolicyWeightedAverageOfTheAgentsRewards() {
    SaMdp twoPayouts = SaMdp.builder(List.of("s"), List.of("cheap", "dear"), 0.5)
        .transition(0, 0, 0, 1.0)
        .transition(0, 1, 0, 1.0)
        .reward(0, 0, 0, 1.0)
        .reward(0, 1, 0, 3.0)
        .build();
    AdversaryMdp mHat = AdversaryMdp.of(twoPayouts, TabularPolicy.of(new double[][] {{0.25, 0.75}}));
    assertEquals(-(0.25 * 1 + 0.75 * 3), mHat.reward(0, 0, 0), 1e-15);
    assertEquals(1.0, mHat.probability(0, 0, 0));
  }

  @Test
  void observationsOutsideThePerturbationSetCostMinusInfinity() {
    GridWorld grid = GridWorld.figure66();
    SaMdp mdp = grid.saMdp();
    AdversaryMdp mHat = AdversaryMdp.of(mdp, TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    int far = grid.state(2, 2);
    int next = grid.state(0, 1);
    assertEquals(Double.NEGATIVE_INFINITY, mHat.reward(grid.start(), far, next));
    assertEquals(0.0, mHat.reward(grid.start(), grid.state(0, 1), next));
    assertEquals(mdp.perturbationSet(grid.start()), mHat.admissibleActions(grid.start()));
    for (int s = 0; s < mHat.numStates(); s++) {
      for (int aHat = 0; aHat < mHat.numStates(); aHat++) {
        double sum = 0;
        for (int n = 0; n < mHat.numStates(); n++) {
          sum += mHat.probability(s, aHat, n);
        }
        assertEquals(1.0, sum, 1e-12);
      }
    }
  }

  @Test
  void valueIterationAgreesWithAlgorithm64OnRandomStochasticPolicies() {
    SaMdp mdp = GridWorld.figure66().saMdp();
    Random random = new Random(20200101);
    for (int trial = 0; trial < 5; trial++) {
      double[][] table = new double[mdp.numStates()][mdp.numActions()];
      for (double[] row : table) {
        double sum = 0;
        for (int a = 0; a < row.length; a++) {
          row[a] = random.nextDouble();
          sum += row[a];
        }
        for (int a = 0; a < row.length; a++) {
          row[a] /= sum;
        }
      }
      TabularPolicy pi = TabularPolicy.of(table);
      OptimalAdversary byAlgorithm64 = PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT);
      OptimalAdversary byValueIteration = AdversaryMdp.of(mdp, pi).solve(Convergence.DEFAULT);
      List<Double> byTheorem623 = PolicyEvaluation.underAdversary(mdp, pi, byValueIteration.adversary());
      List<Double> unattacked = PolicyEvaluation.withoutAdversary(mdp, pi);
      for (int s = 0; s < mdp.numStates(); s++) {
        assertEquals(byAlgorithm64.agentValues().get(s), byValueIteration.agentValues().get(s), 1e-8);
        assertEquals(byAlgorithm64.agentValues().get(s), byTheorem623.get(s), 1e-8);
        assertTrue(byValueIteration.adversary().get(s) >= 0);
        assertTrue(mdp.perturbationSet(s).contains(byValueIteration.adversary().get(s)));
        assertTrue(byAlgorithm64.agentValues().get(s) <= unattacked.get(s) + 1e-8);
      }
    }
  }

  @Test
  void theThreeStateAdversaryFoundByValueIterationIsTheOneOfTheText() {
    OptimalAdversary adversary = AdversaryMdp.of(ThreeStateExample.saMdp(), ThreeStateExample.policy(0, 1, 1))
        .solve(Convergence.DEFAULT);
    assertEquals(List.of(S2, S1, S1), adversary.adversary());
    assertEquals(List.of(0.0, 0.0, 0.0), adversary.agentValues());
  }

  @Test
  void rejectsAPolicyOfTheWrongShape() {
    assertThrows(IllegalArgumentException.class,
        () -> AdversaryMdp.of(ThreeStateExample.saMdp(), TabularPolicy.uniform(2, 2)));
  }
}
