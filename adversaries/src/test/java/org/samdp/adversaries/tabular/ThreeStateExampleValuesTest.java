package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.tabular.ThreeStateExample.A1;
import static org.samdp.envs.tabular.ThreeStateExample.A2;
import static org.samdp.envs.tabular.ThreeStateExample.S1;
import static org.samdp.envs.tabular.ThreeStateExample.S2;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import org.samdp.envs.tabular.ThreeStateExample;

/** The numbers of dissertation §6.2.2, γ = 0.99. */
class ThreeStateExampleValuesTest {
  private static final double GAMMA = 0.99;
  /** Algorithm 6.4 stops within 1e-10 · γ/(1 − γ) ≈ 1e-8 of the fixed point. */
  private static final double TOLERANCE = 1e-7;

  private final SaMdp mdp = ThreeStateExample.saMdp();

  private OptimalAdversary attacked(TabularPolicy pi) {
    return PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT);
  }

  private static void assertValues(List<Double> expected, List<Double> actual, double tolerance) {
    assertEquals(expected.size(), actual.size());
    for (int s = 0; s < expected.size(); s++) {
      assertEquals(expected.get(s), actual.get(s), tolerance, "state S" + (s + 1) + " of " + actual);
    }
  }

  @Test
  void policyIterationFindsTheMdpOptimalPolicyWorth100Everywhere() {
    OptimalPolicy optimal = PolicyIteration.solve(mdp, Convergence.DEFAULT);
    // p11 = 0, p21 = 1, p31 = 1: leave S1 with A2, then stay with A1; V = 1/(1 − γ).
    assertEquals(List.of(A2, A1, A1), optimal.actions());
    assertValues(List.of(100.0, 100.0, 100.0), optimal.values(), 1e-9);
  }

  @Test
  void theMdpOptimalPolicyGetsNothingUnderTheOptimalAdversary() {
    OptimalAdversary adversary = attacked(ThreeStateExample.policy(0, 1, 1));
    assertValues(List.of(0.0, 0.0, 0.0), adversary.agentValues(), TOLERANCE);
    // The adversary of the text: ν(S1) = S2, ν(S2) = S1, ν(S3) = S1.
    assertEquals(List.of(S2, S1, S1), adversary.adversary());
  }

  @Test
  void theUniformPolicyIsWorth50WithOrWithoutTheAdversary() {
    TabularPolicy pi = ThreeStateExample.policy(0.5, 0.5, 0.5);
    assertValues(List.of(50.0, 50.0, 50.0), PolicyEvaluation.withoutAdversary(mdp, pi), 1e-9);
    assertValues(List.of(50.0, 50.0, 50.0), attacked(pi).agentValues(), TOLERANCE);
  }

  @Test
  void alwaysActionOneIsWorth0_100_100() {
    assertValues(List.of(0.0, 100.0, 100.0), attacked(ThreeStateExample.policy(1, 1, 1)).agentValues(), TOLERANCE);
  }

  @Test
  void alwaysActionTwoCirculatesAndIsPaidOnlyWhenLeavingS1() {
    List<Double> values = attacked(ThreeStateExample.policy(0, 0, 0)).agentValues();
    double cycle = 1 - Math.pow(GAMMA, 3);
    assertValues(List.of(1 / cycle, GAMMA * GAMMA / cycle, GAMMA / cycle), values, TOLERANCE);
    // As printed: ≈ 33.67, ≈ 33.00, ≈ 33.33.
    assertValues(List.of(33.67, 33.00, 33.33), values, 0.005);
  }

  /** "If for any state Si we have pi1 = 0 and another state Sj we have pj1 = 1, we always have Ṽ = 0." */
  @ParameterizedTest
  @CsvSource({"0,0,1", "0,1,0", "0,1,1", "1,0,0", "1,0,1", "1,1,0"})
  void everyMixedDeterministicPolicyGetsNothingUnderTheOptimalAdversary(double p11, double p21, double p31) {
    assertValues(List.of(0.0, 0.0, 0.0), attacked(ThreeStateExample.policy(p11, p21, p31)).agentValues(), TOLERANCE);
  }

  /** Theorem 6.2.5: no deterministic policy is at least as good as p_i1 = 0.5 in every state. */
  @Test
  void noDeterministicPolicyMatchesTheStochasticOneInEveryState() {
    List<Double> stochastic = attacked(ThreeStateExample.policy(0.5, 0.5, 0.5)).agentValues();
    for (int p11 = 0; p11 <= 1; p11++) {
      for (int p21 = 0; p21 <= 1; p21++) {
        for (int p31 = 0; p31 <= 1; p31++) {
          List<Double> deterministic = attacked(ThreeStateExample.policy(p11, p21, p31)).agentValues();
          boolean dominates = true;
          for (int s = 0; s < 3; s++) {
            dominates &= deterministic.get(s) >= stochastic.get(s);
          }
          assertTrue(!dominates, "p = " + p11 + p21 + p31 + " gets " + deterministic);
        }
      }
    }
  }

  /** Figures 6.3 to 6.5 sweep p11 ∈ {0, 0.5, 1} and p21, p31 ∈ [0, 1]: both solvers agree across that grid. */
  @Test
  void algorithm64AndTheAdversaryMdpAgreeAcrossThePolicyGridOfFigures63To65() {
    for (double p11 : new double[] {0, 0.5, 1}) {
      for (double p21 = 0; p21 <= 1; p21 += 0.125) {
        for (double p31 = 0; p31 <= 1; p31 += 0.125) {
          TabularPolicy pi = ThreeStateExample.policy(p11, p21, p31);
          OptimalAdversary byAlgorithm64 = attacked(pi);
          OptimalAdversary byValueIteration = AdversaryMdp.of(mdp, pi).solve(Convergence.DEFAULT);
          assertValues(byAlgorithm64.agentValues(), byValueIteration.agentValues(), 2 * TOLERANCE);
          assertValues(byAlgorithm64.agentValues(),
              PolicyEvaluation.underAdversary(mdp, pi, byValueIteration.adversary()), 2 * TOLERANCE);
        }
      }
    }
  }
}
