package org.samdp.adversaries.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.samdp.envs.tabular.SaMdp;
import org.samdp.envs.tabular.TabularPolicy;
import org.samdp.envs.tabular.ThreeStateExample;

/**
 * The results of §6.2.2 on the 3-state example: four policies, their values in the MDP and under the optimal
 * adversary (Algorithm 6.4).
 *
 * @param rows one row per policy: the MDP-optimal policy (found by policy iteration), p_i1 = 0.5 everywhere,
 *     always A1, always A2
 */
public record ThreeStateSummary(List<Row> rows) {
  /**
   * One policy's values.
   *
   * @param policy a label, in the text's p_i1 notation
   * @param values V(S1), V(S2), V(S3) with no adversary
   * @param adversarialValues Ṽ(S1), Ṽ(S2), Ṽ(S3) under the optimal adversary
   */
  public record Row(String policy, List<Double> values, List<Double> adversarialValues) {
    /** Copies the lists. */
    public Row {
      values = List.copyOf(values);
      adversarialValues = List.copyOf(adversarialValues);
    }
  }

  /** Copies the rows. */
  public ThreeStateSummary {
    rows = List.copyOf(rows);
  }

  /** Solves the 3-state example for the four policies of §6.2.2. */
  public static ThreeStateSummary compute() {
    SaMdp mdp = ThreeStateExample.saMdp();
    List<Integer> optimal = PolicyIteration.solve(mdp, Convergence.DEFAULT).actions();
    double[] p1 = new double[3];
    for (int s = 0; s < 3; s++) {
      p1[s] = optimal.get(s) == ThreeStateExample.A1 ? 1 : 0;
    }
    List<Row> rows = new ArrayList<>();
    rows.add(row(mdp, String.format(Locale.ROOT, "MDP-optimal (p11=%.0f p21=%.0f p31=%.0f)", p1[0], p1[1], p1[2]),
        ThreeStateExample.policy(p1[0], p1[1], p1[2])));
    rows.add(row(mdp, "stochastic (p_i1=0.5)", ThreeStateExample.policy(0.5, 0.5, 0.5)));
    rows.add(row(mdp, "always A1 (p_i1=1)", ThreeStateExample.policy(1, 1, 1)));
    rows.add(row(mdp, "always A2 (p_i1=0)", ThreeStateExample.policy(0, 0, 0)));
    return new ThreeStateSummary(rows);
  }

  private static Row row(SaMdp mdp, String label, TabularPolicy pi) {
    return new Row(label, PolicyEvaluation.withoutAdversary(mdp, pi),
        PolicyEvaluation.underOptimalAdversary(mdp, pi, Convergence.DEFAULT).agentValues());
  }

  /** A fixed-width plain-text table, values to two decimals, one line per policy. */
  public String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "3-state SA-MDP (dissertation 6.2.2), gamma = %.2f%n%-38s %24s   %24s%n%-38s %8s%8s%8s   %8s%8s%8s%n",
        ThreeStateExample.GAMMA, "", "no adversary", "optimal adversary", "policy",
        "V(S1)", "V(S2)", "V(S3)", "V(S1)", "V(S2)", "V(S3)"));
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "%-38s %8.2f%8.2f%8.2f   %8.2f%8.2f%8.2f%n", row.policy(),
          row.values().get(0), row.values().get(1), row.values().get(2),
          row.adversarialValues().get(0), row.adversarialValues().get(1), row.adversarialValues().get(2)));
    }
    return out.toString();
  }
}
