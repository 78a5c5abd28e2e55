package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.tabular.ThreeStateExample.S1;
import static org.samdp.envs.tabular.ThreeStateExample.S2;
import static org.samdp.envs.tabular.ThreeStateExample.S3;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.envs.tabular.GridWorld;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import org.samdp.envs.tabular.ThreeStateExample;

class PolicyEvaluationTest {
  private final SaMdp mdp = ThreeStateExample.saMdp();
  private final TabularPolicy mdpOptimal = ThreeStateExample.policy(0, 1, 1);

  @Test
  void theAdversaryOfTheTextLeavesTheMdpOptimalPolicyNothing() {
    // Theorem 6.2.3 with ν(S1) = S2, ν(S2) = S1, ν(S3) = S1: every step takes the unpaid action.
    List<Double> values = PolicyEvaluation.underAdversary(mdp, mdpOptimal, List.of(S2, S1, S1));
    for (double v : values) {
      assertEquals(0.0, v, 1e-12);
    }
    // A weaker adversary, ν(S1) = S1: S1 is paid once, then S2 shows S1 and moves on, S3 shows S1 and returns.
    List<Double> weaker = PolicyEvaluation.underAdversary(mdp, mdpOptimal, List.of(S1, S1, S1));
    double cycle = 1 - Math.pow(0.99, 3);
    assertEquals(1 / cycle, weaker.get(S1), 1e-9);
    assertEquals(0.99 * 0.99 / cycle, weaker.get(S2), 1e-9);
  }

  @Test
  void withoutAdversaryIsTheIdentityAdversary() {
    assertEquals(PolicyEvaluation.underAdversary(mdp, mdpOptimal, List.of(S1, S2, S3)),
        PolicyEvaluation.withoutAdversary(mdp, mdpOptimal));
    assertEquals(100.0, PolicyEvaluation.withoutAdversary(mdp, mdpOptimal).get(S1), 1e-9);
  }

  @Test
  void rejectsAnAdversaryOutsideThePerturbationSet() {
    GridWorld grid = GridWorld.figure66();
    SaMdp gridMdp = grid.saMdp();
    List<Integer> nu = new ArrayList<>();
    for (int s = 0; s < gridMdp.numStates(); s++) {
      nu.add(s);
    }
    nu.set(grid.start(), grid.state(2, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyEvaluation.underAdversary(
        gridMdp, TabularPolicy.uniform(gridMdp.numStates(), gridMdp.numActions()), nu));
    assertEquals("the adversary shows state 12 in state (0,0), outside B((0,0)) = [0, 1, 5]", e.getMessage());
  }

  @Test
  void rejectsAnAdversaryOfTheWrongLengthAndAPolicyOfTheWrongShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.underAdversary(mdp, mdpOptimal, List.of(S1, S2)));
    assertEquals("the adversary gives 2 observations, the SA-MDP has 3 states", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.underOptimalAdversary(mdp, TabularPolicy.uniform(3, 3), Convergence.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> PolicyEvaluation.withoutAdversary(mdp, TabularPolicy.uniform(4, 2)));
  }

  @Test
  void algorithm64ReportsAnIterationCapThatIsTooLow() {
    NotConvergedException e = assertThrows(NotConvergedException.class,
        () -> PolicyEvaluation.underOptimalAdversary(mdp, ThreeStateExample.policy(1, 1, 1),
            new Convergence(1e-10, 10)));
    assertTrue(e.getMessage().startsWith("Algorithm 6.4 did not converge in 10 iterations"), e.getMessage());
  }

  @Test
  void bothSolversReportDivergenceWithoutDiscount() {
    // γ = 1 and "always A1" is paid 1 per step in S2 forever: the values grow without bound.
    SaMdp undiscounted = SaMdp.builder(mdp.states(), mdp.actions(), 1.0)
        .transition(S1, 0, S1, 1.0).transition(S1, 1, S2, 1.0)
        .transition(S2, 0, S2, 1.0).transition(S2, 1, S3, 1.0)
        .transition(S3, 0, S3, 1.0).transition(S3, 1, S1, 1.0)
        .reward(S1, 1, S2, 1.0).reward(S2, 0, S2, 1.0).reward(S3, 0, S3, 1.0)
        .build();
    TabularPolicy alwaysA1 = ThreeStateExample.policy(1, 1, 1);
    Convergence convergence = new Convergence(1e-10, 1000);
    assertThrows(NotConvergedException.class,
        () -> PolicyEvaluation.underOptimalAdversary(undiscounted, alwaysA1, convergence));
    NotConvergedException e = assertThrows(NotConvergedException.class,
        () -> AdversaryMdp.of(undiscounted, alwaysA1).solve(convergence));
    assertTrue(e.getMessage().contains("changed a value by 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PolicyEvaluation.withoutAdversary(undiscounted, alwaysA1));
  }

  @Test
  void convergenceParametersAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Convergence(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Convergence(-1e-6, 10));
    assertThrows(IllegalArgumentException.class, () -> new Convergence(Double.NaN, 10));
    assertThrows(IllegalArgumentException.class, () -> new Convergence(Double.POSITIVE_INFINITY, 10));
    assertThrows(IllegalArgumentException.class, () -> new Convergence(1e-6, 0));
  }
}
