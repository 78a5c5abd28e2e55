package org.samdp.adversaries.tabular;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;

/**
 * Policy iteration for the optimal policy of the plain MDP (S, A, R, p, γ) underlying an SA-MDP, with no adversary:
 * the "MDP-optimal" policy of §6.2.2 and Figure 6.6a.
 */
public final class PolicyIteration {
  private PolicyIteration() {}

  /**
   * Howard's policy iteration: start from action 0 everywhere; evaluate the policy exactly
   * ({@link PolicyEvaluation#withoutAdversary}); in every state switch to the lowest-index action of largest
   * Q(s,a) = Σ_s' p(s'|s,a) [R(s,a,s') + γ V(s')], but only if it beats the current action by more than
   * {@code convergence.tolerance()} (so ties never make it cycle); stop when no state switches.
   *
   * @throws IllegalArgumentException if γ = 1 (exact evaluation needs γ &lt; 1)
   * @throws NotConvergedException after {@code convergence.maxIterations()} improvement steps
   */
  public static OptimalPolicy solve(SaMdp mdp, Convergence convergence) {
    Objects.requireNonNull(mdp, "mdp");
    Objects.requireNonNull(convergence, "convergence");
    int n = mdp.numStates();
    List<Integer> actions = new ArrayList<>(Collections.nCopies(n, 0));
    double lastImprovement = Double.NaN;
    for (int step = 1; step <= convergence.maxIterations(); step++) {
      List<Double> values = PolicyEvaluation.withoutAdversary(mdp, TabularPolicy.deterministic(mdp.numActions(),
          actions));
      double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
      boolean stable = true;
      lastImprovement = 0;
      for (int s = 0; s < n; s++) {
        int best = 0;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < mdp.numActions(); a++) {
          double q = PolicyEvaluation.actionValue(mdp, s, a, v);
          if (q > bestQ) {
            best = a;
            bestQ = q;
          }
        }
        double improvement = bestQ - PolicyEvaluation.actionValue(mdp, s, actions.get(s), v);
        if (improvement > convergence.tolerance()) {
          actions.set(s, best);
          stable = false;
          lastImprovement = Math.max(lastImprovement, improvement);
        }
      }
      if (stable) {
        return new OptimalPolicy(actions, values, step);
      }
    }
    throw new NotConvergedException("policy iteration", convergence, lastImprovement);
  }
}
