package org.samdp.envs.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A stationary, Markovian, possibly stochastic tabular policy π(a|ŝ): one distribution over actions per
 * <em>observed</em> state ŝ. Under an adversary ν the agent in true state s acts from π(·|ν(s)) (§6.2.1).
 * Immutable.
 */
public final class TabularPolicy {
  /** How far from 1 a distribution π(·|ŝ) may sum. */
  public static final double PROBABILITY_TOLERANCE = 1e-9;

  private final double[][] pi;

  private TabularPolicy(double[][] pi) {
    this.pi = pi;
  }

  /**
   * A policy from its table {@code probabilities[ŝ][a] = π(a|ŝ)}, copied.
   *
   * @throws IllegalArgumentException if the table is empty or ragged, an entry is outside [0, 1], or a row does not
   *     sum to 1
   */
  public static TabularPolicy of(double[][] probabilities) {
    Objects.requireNonNull(probabilities, "probabilities");
    if (probabilities.length == 0 || probabilities[0] == null || probabilities[0].length == 0) {
      throw new IllegalArgumentException("a policy needs at least one state and one action");
    }
    int numActions = probabilities[0].length;
    double[][] pi = new double[probabilities.length][];
    for (int state = 0; state < probabilities.length; state++) {
      double[] row = probabilities[state];
      if (row == null || row.length != numActions) {
        throw new IllegalArgumentException("policy row " + state + " has " + (row == null ? "no" : row.length)
            + " entries, row 0 has " + numActions);
      }
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        if (!(row[a] >= 0 && row[a] <= 1)) {
          throw new IllegalArgumentException("pi(" + a + "|" + state + ") must be in [0, 1], got " + row[a]);
        }
        sum += row[a];
      }
      if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
        throw new IllegalArgumentException("pi(.|" + state + ") sums to " + sum + ", not 1: " + Arrays.toString(row));
      }
      pi[state] = row.clone();
    }
    return new TabularPolicy(pi);
  }

  /**
   * The deterministic policy that takes {@code actions.get(ŝ)} in observed state ŝ.
   *
   * @throws IllegalArgumentException if an action is outside [0, numActions)
   */
  public static TabularPolicy deterministic(int numActions, List<Integer> actions) {
    Objects.requireNonNull(actions, "actions");
    if (numActions <= 0 || actions.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one state and one action");
    }
    double[][] pi = new double[actions.size()][numActions];
    for (int state = 0; state < actions.size(); state++) {
      Integer a = actions.get(state);
      if (a == null || a < 0 || a >= numActions) {
        throw new IllegalArgumentException("action " + a + " for state " + state + " is outside [0, " + numActions
            + ")");
      }
      pi[state][a] = 1;
    }
    return new TabularPolicy(pi);
  }

  /** The uniformly random policy. */
  public static TabularPolicy uniform(int numStates, int numActions) {
    if (numStates <= 0 || numActions <= 0) {
      throw new IllegalArgumentException("a policy needs at least one state and one action");
    }
    double[][] pi = new double[numStates][numActions];
    for (double[] row : pi) {
      Arrays.fill(row, 1.0 / numActions);
    }
    return new TabularPolicy(pi);
  }

  /** The number of observed states the policy covers. */
  public int numStates() {
    return pi.length;
  }

  /** The number of actions. */
  public int numActions() {
    return pi[0].length;
  }

  /** π(a|ŝ). */
  public double probability(int observed, int a) {
    return pi[observed][a];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularPolicy other && Arrays.deepEquals(pi, other.pi);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(pi);
  }

  @Override
  public String toString() {
    return "TabularPolicy" + Arrays.deepToString(pi);
  }
}
