package org.samdp.adversaries.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;

/**
 * Values of a fixed policy π on an SA-MDP: under the optimal adversary by Algorithm 6.4, under a fixed adversary ν by
 * the Bellman equation of Theorem 6.2.3, and with no adversary.
 */
public final class PolicyEvaluation {
  private PolicyEvaluation() {}

  /**
   * Algorithm 6.4: Ṽ_{π∘ν*}, the values of π under the optimal adversary, by in-place sweeps of the Bellman operator
   * of Theorem 6.2.4 (eq. 6.1), (LṼ)(s) = min over ŝ ∈ B(s) of Σ_a π(a|ŝ) Σ_s' p(s'|s,a) [R(s,a,s') + γ Ṽ(s')],
   * from Ṽ = 0 until a sweep changes no value by {@code convergence.tolerance()} or more. The adversary returned is
   * the minimizer in L at the returned values, ties going to the lowest state index.
   *
   * @throws IllegalArgumentException if the policy does not fit the SA-MDP
   * @throws NotConvergedException after {@code convergence.maxIterations()} sweeps
   */
  public static OptimalAdversary underOptimalAdversary(SaMdp mdp, TabularPolicy pi, Convergence convergence) {
    mdp.checkPolicy(pi);
    Objects.requireNonNull(convergence, "convergence");
    double[] v = new double[mdp.numStates()];
    double delta = Double.NaN;
    for (int sweep = 1; sweep <= convergence.maxIterations(); sweep++) {
      delta = 0;
      for (int s = 0; s < v.length; s++) {
        double v0 = v[s];
        double min = Double.POSITIVE_INFINITY;
        for (int observed : mdp.perturbationSet(s)) {
          min = Math.min(min, lookahead(mdp, pi, s, observed, v));
        }
        v[s] = min;
        delta = Math.max(delta, Math.abs(v0 - v[s]));
      }
      if (delta < convergence.tolerance()) {
        List<Integer> adversary = new ArrayList<>();
        for (int s = 0; s < v.length; s++) {
          int worst = -1;
          double worstValue = Double.POSITIVE_INFINITY;
          for (int observed : mdp.perturbationSet(s)) {
            double value = lookahead(mdp, pi, s, observed, v);
            if (value < worstValue) {
              worst = observed;
              worstValue = value;
            }
          }
          adversary.add(worst);
        }
        return new OptimalAdversary(boxed(v), adversary, sweep);
      }
    }
    throw new NotConvergedException("Algorithm 6.4", convergence, delta);
  }

  /**
   * Theorem 6.2.3: Ṽ_{π∘ν}, the values of π when a fixed adversary shows ν(s) in true state s, solved exactly as the
   * linear system Ṽ(s) = Σ_a π(a|ν(s)) Σ_s' p(s'|s,a) [R(s,a,s') + γ Ṽ(s')].
   *
   * @param adversary ν(s) for every state s, with ν(s) ∈ B(s)
   * @throws IllegalArgumentException if the policy or the adversary does not fit the SA-MDP, or γ = 1 (the linear
   *     system may then be singular)
   */
  public static List<Double> underAdversary(SaMdp mdp, TabularPolicy pi, List<Integer> adversary) {
    mdp.checkPolicy(pi);
    Objects.requireNonNull(adversary, "adversary");
    int n = mdp.numStates();
    if (adversary.size() != n) {
      throw new IllegalArgumentException("the adversary gives " + adversary.size() + " observations, the SA-MDP has "
          + n + " states");
    }
    for (int s = 0; s < n; s++) {
      if (!mdp.perturbationSet(s).contains(adversary.get(s))) {
        throw new IllegalArgumentException("the adversary shows state " + adversary.get(s) + " in state "
            + mdp.states().get(s) + ", outside B(" + mdp.states().get(s) + ") = " + mdp.perturbationSet(s));
      }
    }
    if (!(mdp.gamma() < 1)) {
      throw new IllegalArgumentException("exact policy evaluation needs gamma < 1, got " + mdp.gamma());
    }
    // (I − γ P_{π∘ν}) Ṽ = r_{π∘ν}
    double[][] lhs = new double[n][n];
    double[] rhs = new double[n];
    double[] zero = new double[n];
    for (int s = 0; s < n; s++) {
      int observed = adversary.get(s);
      rhs[s] = lookahead(mdp, pi, s, observed, zero);
      lhs[s][s] = 1;
      for (int a = 0; a < mdp.numActions(); a++) {
        for (int next = 0; next < n; next++) {
          lhs[s][next] -= mdp.gamma() * pi.probability(observed, a) * mdp.probability(s, a, next);
        }
      }
    }
    return boxed(solve(lhs, rhs));
  }

  /** V_π, the values of π in the plain MDP: {@link #underAdversary} with ν(s) = s. */
  public static List<Double> withoutAdversary(SaMdp mdp, TabularPolicy pi) {
    List<Integer> identity = new ArrayList<>();
    for (int s = 0; s < mdp.numStates(); s++) {
      identity.add(s);
    }
    return underAdversary(mdp, pi, identity);
  }

  /** Σ_a π(a|ŝ) Q(s,a): one step from true state s when the agent observes ŝ. */
  static double lookahead(SaMdp mdp, TabularPolicy pi, int s, int observed, double[] v) {
    double total = 0;
    for (int a = 0; a < mdp.numActions(); a++) {
      double piA = pi.probability(observed, a);
      if (piA != 0) {
        total += piA * actionValue(mdp, s, a, v);
      }
    }
    return total;
  }

  /** Q(s,a) = Σ_s' p(s'|s,a) [R(s,a,s') + γ V(s')]. */
  static double actionValue(SaMdp mdp, int s, int a, double[] v) {
    double q = 0;
    for (int next = 0; next < v.length; next++) {
      q += mdp.probability(s, a, next) * (mdp.reward(s, a, next) + mdp.gamma() * v[next]);
    }
    return q;
  }

  /**
   * Gaussian elimination without pivoting, in place. Safe here: for γ &lt; 1, I − γP is strictly diagonally dominant
   * by rows (margin at least 1 − γ), and elimination keeps it so.
   */
  private static double[] solve(double[][] lhs, double[] rhs) {
    int n = rhs.length;
    for (int k = 0; k < n; k++) {
      for (int i = k + 1; i < n; i++) {
        double factor = lhs[i][k] / lhs[k][k];
        if (factor != 0) {
          for (int j = k; j < n; j++) {
            lhs[i][j] -= factor * lhs[k][j];
          }
          rhs[i] -= factor * rhs[k];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = rhs[i];
      for (int j = i + 1; j < n; j++) {
        sum -= lhs[i][j] * x[j];
      }
      x[i] = sum / lhs[i][i];
    }
    return x;
  }

  static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
