package org.samdp.adversaries.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;

/**
 * Lemma 6.2.7: for a fixed policy π, the adversary of an SA-MDP is the agent of an ordinary MDP M̂ = (S, Â, R̂, p̂, γ)
 * whose actions are the observations to show, Â = S, with
 *
 * <pre>
 *   p̂(s'|s,â)   = Σ_a π(a|â) p(s'|s,a)
 *   R̂(s,â,s')   = − Σ_a π(a|â) p(s'|s,a) R(s,a,s') / p̂(s'|s,â)     for â ∈ B(s)
 *   R̂(s,â,s')   = C                                               for â ∉ B(s)
 * </pre>
 *
 * <p>so R̂ is the agent's reward, negated and averaged over its actions, and an optimal policy of M̂ is an optimal
 * adversary ν*. Two points the lemma leaves open are settled here: R̂ is 0 where p̂(s'|s,â) = 0 (the ratio is
 * undefined there and weighs nothing), and the "large negative constant" C is taken to its limit, C = −∞: an
 * observation outside B(s) is never chosen, which any C below every attainable return also guarantees.
 */
public final class AdversaryMdp {
  private final SaMdp saMdp;
  private final double[][][] pHat;
  private final double[][][] rHat;

  private AdversaryMdp(SaMdp saMdp, double[][][] pHat, double[][][] rHat) {
    this.saMdp = saMdp;
    this.pHat = pHat;
    this.rHat = rHat;
  }

  /**
   * Builds M̂ for policy π on an SA-MDP.
   *
   * @throws IllegalArgumentException if the policy does not fit the SA-MDP
   */
  public static AdversaryMdp of(SaMdp mdp, TabularPolicy pi) {
    mdp.checkPolicy(pi);
    int n = mdp.numStates();
    double[][][] pHat = new double[n][n][n];
    double[][][] rHat = new double[n][n][n];
    for (int s = 0; s < n; s++) {
      for (int aHat = 0; aHat < n; aHat++) {
        boolean admissible = mdp.perturbationSet(s).contains(aHat);
        for (int next = 0; next < n; next++) {
          double weightedReward = 0;
          for (int a = 0; a < mdp.numActions(); a++) {
            double weight = pi.probability(aHat, a) * mdp.probability(s, a, next);
            pHat[s][aHat][next] += weight;
            weightedReward += weight * mdp.reward(s, a, next);
          }
          if (!admissible) {
            rHat[s][aHat][next] = Double.NEGATIVE_INFINITY;
          } else if (pHat[s][aHat][next] > 0) {
            rHat[s][aHat][next] = (0.0 - weightedReward) / pHat[s][aHat][next]; // 0.0 − x: no −0.0
          }
        }
      }
    }
    return new AdversaryMdp(mdp, pHat, rHat);
  }

  /** |S| = |Â|. */
  public int numStates() {
    return saMdp.numStates();
  }

  /** γ, shared by agent and adversary. */
  public double gamma() {
    return saMdp.gamma();
  }

  /** p̂(s'|s, â): the probability of moving from s to {@code next} when the adversary shows â. */
  public double probability(int s, int aHat, int next) {
    return pHat[s][aHat][next];
  }

  /** R̂(s, â, s'), the adversary's reward; −∞ for â ∉ B(s). */
  public double reward(int s, int aHat, int next) {
    return rHat[s][aHat][next];
  }

  /** The adversary's admissible actions in s: B(s). */
  public List<Integer> admissibleActions(int s) {
    return saMdp.perturbationSet(s);
  }

  /**
   * Solves M̂ by value iteration, V̂(s) ← max over â ∈ B(s) of Σ_s' p̂(s'|s,â) [R̂(s,â,s') + γ V̂(s')], synchronous
   * sweeps from V̂ = 0 until a sweep changes no value by {@code convergence.tolerance()} or more. The adversary is the
   * maximizer of the last sweep (ties to the lowest state index) and the agent's values are −V̂.
   *
   * @throws NotConvergedException after {@code convergence.maxIterations()} sweeps
   */
  public OptimalAdversary solve(Convergence convergence) {
    Objects.requireNonNull(convergence, "convergence");
    int n = numStates();
    double[] vHat = new double[n];
    double delta = Double.NaN;
    for (int sweep = 1; sweep <= convergence.maxIterations(); sweep++) {
      double[] updated = new double[n];
      int[] nu = new int[n];
      delta = 0;
      for (int s = 0; s < n; s++) {
        updated[s] = Double.NEGATIVE_INFINITY;
        // Only â ∈ B(s): with C = −∞ the others can never be the maximum.
        for (int aHat : admissibleActions(s)) {
          double q = 0;
          for (int next = 0; next < n; next++) {
            if (pHat[s][aHat][next] > 0) {
              q += pHat[s][aHat][next] * (rHat[s][aHat][next] + gamma() * vHat[next]);
            }
          }
          if (q > updated[s]) {
            updated[s] = q;
            nu[s] = aHat;
          }
        }
        delta = Math.max(delta, Math.abs(updated[s] - vHat[s]));
      }
      vHat = updated;
      if (delta < convergence.tolerance()) {
        List<Double> agentValues = new ArrayList<>();
        List<Integer> adversary = new ArrayList<>();
        for (int s = 0; s < n; s++) {
          agentValues.add(0.0 - vHat[s]); // 0.0 − x, not −x: no −0.0 in the agent's values
          adversary.add(nu[s]);
        }
        return new OptimalAdversary(agentValues, adversary, sweep);
      }
    }
    throw new NotConvergedException("value iteration on the adversary MDP (Lemma 6.2.7)", convergence, delta);
  }
}
