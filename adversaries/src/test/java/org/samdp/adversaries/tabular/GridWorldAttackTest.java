package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.envs.tabular.GridWorld;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;

/** Figure 6.6 on {@link GridWorld#figure66()}: an MDP-optimal tabular policy is not robust. */
class GridWorldAttackTest {
  private static final double GAMMA = GridWorld.FIGURE_6_6_GAMMA;

  private final GridWorld grid = GridWorld.figure66();
  private final SaMdp mdp = grid.saMdp();
  private final OptimalPolicy optimal = PolicyIteration.solve(mdp, Convergence.DEFAULT);
  private final TabularPolicy pi = TabularPolicy.deterministic(mdp.numActions(), optimal.actions());

  @Test
  void policyIterationSatisfiesTheBellmanOptimalityEquation() {
    for (int s = 0; s < mdp.numStates(); s++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < mdp.numActions(); a++) {
        double q = 0;
        for (int next = 0; next < mdp.numStates(); next++) {
          q += mdp.probability(s, a, next) * (mdp.reward(s, a, next) + GAMMA * optimal.values().get(next));
        }
        best = Math.max(best, q);
      }
      assertEquals(best, optimal.values().get(s), 1e-9, "V*" + mdp.states().get(s));
    }
  }

  @Test
  void withoutTheAdversaryTheAgentReachesTheTargetOnTheShortestPath() {
    // 8 moves from (0,0) to (4,4), paid +1 on the 8th: γ⁷.
    assertEquals(Math.pow(GAMMA, 7), optimal.values().get(grid.start()), 1e-9);
    List<Integer> path = rollout(optimal.actions(), identity(), 8);
    assertEquals(grid.target(), path.get(8));
    assertTrue(path.stream().noneMatch(grid.traps()::contains), "the unattacked path avoids the traps: " + path);
  }

  @Test
  void theOptimalAdversaryDrivesTheAgentOntoATrapEverySecondStep() {
    OptimalAdversary adversary = PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT);
    // No two traps touch and none touches the start, so no agent can be on a trap before step 2 or on two steps in a
    // row: −(γ + γ³ + γ⁵ + ...) = −γ/(1 − γ²) is the least any behaviour can get from the start. The adversary gets
    // exactly that: the "repeatedly encounter a trap" of Figure 6.6b.
    double worst = -GAMMA / (1 - GAMMA * GAMMA);
    double attacked = adversary.agentValues().get(grid.start());
    assertEquals(worst, attacked, 1e-8);
    assertEquals(Math.pow(GAMMA, 7) - worst, optimal.values().get(grid.start()) - attacked, 1e-8);
    assertEquals(5.2151, optimal.values().get(grid.start()) - attacked, 1e-4);

    List<Integer> path = rollout(optimal.actions(), adversary.adversary(), 20);
    for (int step = 1; step <= 20; step++) {
      assertEquals(step % 2 == 0, grid.traps().contains(path.get(step)), "step " + step + " of " + path);
    }
  }

  @Test
  void theAdversaryHurtsEveryStateButTheTargetAndNeverHelps() {
    List<Double> attacked = PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT).agentValues();
    for (int s = 0; s < mdp.numStates(); s++) {
      double loss = optimal.values().get(s) - attacked.get(s);
      if (s == grid.target()) {
        assertEquals(0.0, loss, 1e-12);
      } else {
        assertTrue(loss > 0.1, mdp.states().get(s) + " loses " + loss);
      }
    }
  }

  @Test
  void valueIterationOnTheAdversaryMdpMatchesAlgorithm64() {
    OptimalAdversary byAlgorithm64 = PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT);
    OptimalAdversary byValueIteration = AdversaryMdp.of(mdp, pi).solve(Convergence.DEFAULT);
    List<Double> byTheorem623 = PolicyEvaluation.underAdversary(mdp, pi, byValueIteration.adversary());
    for (int s = 0; s < mdp.numStates(); s++) {
      assertEquals(byAlgorithm64.agentValues().get(s), byValueIteration.agentValues().get(s), 1e-8);
      assertEquals(byAlgorithm64.agentValues().get(s), byTheorem623.get(s), 1e-8);
    }
  }

  private List<Integer> identity() {
    List<Integer> identity = new ArrayList<>();
    for (int s = 0; s < mdp.numStates(); s++) {
      identity.add(s);
    }
    return identity;
  }

  /** The states visited from the start when the agent takes actions.get(ν(s)); moves are deterministic. */
  private List<Integer> rollout(List<Integer> actions, List<Integer> nu, int steps) {
    List<Integer> path = new ArrayList<>(List.of(grid.start()));
    for (int step = 0; step < steps; step++) {
      int s = path.get(path.size() - 1);
      int a = actions.get(nu.get(s));
      int next = 0;
      while (mdp.probability(s, a, next) != 1.0) {
        next++;
      }
      path.add(next);
    }
    return path;
  }
}
