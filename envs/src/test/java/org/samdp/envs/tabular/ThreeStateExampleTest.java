package org.samdp.envs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.envs.tabular.ThreeStateExample.A1;
import static org.samdp.envs.tabular.ThreeStateExample.A2;
import static org.samdp.envs.tabular.ThreeStateExample.S1;
import static org.samdp.envs.tabular.ThreeStateExample.S2;
import static org.samdp.envs.tabular.ThreeStateExample.S3;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreeStateExampleTest {
  private final SaMdp mdp = ThreeStateExample.saMdp();

  @Test
  void actionOneStaysAndActionTwoMovesAroundTheCycle() {
    int[][] next = {{S1, S2}, {S2, S3}, {S3, S1}};
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 2; a++) {
        assertEquals(1.0, mdp.probability(s, a, next[s][a]), "p(.|" + s + "," + a + ")");
      }
    }
  }

  @Test
  void rewardsAreThoseOfFigure62() {
    assertEquals(0.0, mdp.reward(S1, A1, S1));
    assertEquals(1.0, mdp.reward(S1, A2, S2));
    assertEquals(1.0, mdp.reward(S2, A1, S2));
    assertEquals(0.0, mdp.reward(S2, A2, S3));
    assertEquals(1.0, mdp.reward(S3, A1, S3));
    assertEquals(0.0, mdp.reward(S3, A2, S1));
  }

  @Test
  void theAdversaryMayShowAnyStateAndGammaIs099() {
    for (int s = 0; s < 3; s++) {
      assertEquals(List.of(S1, S2, S3), mdp.perturbationSet(s));
    }
    assertEquals(0.99, mdp.gamma());
  }

  @Test
  void theTransitionListAsPrintedIsRejectedForUnreachableRewards() {
    SaMdp.Builder printed = SaMdp.builder(List.of("S1", "S2", "S3"), List.of("A1", "A2"), 0.99)
        .transition(S1, A1, S1, 1.0)
        .transition(S1, A2, S2, 1.0)
        .transition(S2, A2, S2, 1.0)
        .transition(S2, A1, S3, 1.0)
        .transition(S3, A2, S1, 1.0)
        .transition(S3, A1, S2, 1.0)
        .reward(S1, A2, S2, 1.0)
        .reward(S2, A1, S2, 1.0)
        .reward(S3, A1, S3, 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, printed::build);
    assertTrue(e.getMessage().contains("R(S2,A1,S2) = 1.0 but p(S2|S2,A1) = 0"), e.getMessage());
    assertTrue(e.getMessage().contains("R(S3,A1,S3) = 1.0 but p(S3|S3,A1) = 0"), e.getMessage());
  }

  @Test
  void policiesAreWrittenByTheProbabilityOfActionOne() {
    TabularPolicy pi = ThreeStateExample.policy(0, 0.25, 1);
    assertEquals(0.0, pi.probability(S1, A1));
    assertEquals(1.0, pi.probability(S1, A2));
    assertEquals(0.25, pi.probability(S2, A1));
    assertEquals(0.75, pi.probability(S2, A2));
    assertEquals(1.0, pi.probability(S3, A1));
    assertThrows(IllegalArgumentException.class, () -> ThreeStateExample.policy(1.5, 0, 0));
  }
}
