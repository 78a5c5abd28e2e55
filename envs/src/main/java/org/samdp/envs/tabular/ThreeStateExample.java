package org.samdp.envs.tabular;

import java.util.List;

/**
 * The 3-state SA-MDP of dissertation §6.2.2 (Figure 6.2): S = {S1, S2, S3}, A = {A1, A2}, γ = 0.99, and an
 * adversary that may show any state in any state, B(S1) = B(S2) = B(S3) = {S1, S2, S3}. All moves are deterministic:
 *
 * <pre>
 *   S1 --A1--> S1  reward 0      S1 --A2--> S2  reward 1
 *   S2 --A1--> S2  reward 1      S2 --A2--> S3  reward 0
 *   S3 --A1--> S3  reward 1      S3 --A2--> S1  reward 0
 * </pre>
 *
 * <p>A1 stays, A2 moves on around the cycle S1 → S2 → S3 → S1; the agent is paid for leaving S1 and for staying in
 * S2 or S3. <b>The printed transition list of §6.2.2 has three entries swapped</b>: it gives p(S2|S2,A2),
 * p(S3|S2,A1) and p(S2|S3,A1) = 1, under which the listed rewards R(S2,A1,S2) and R(S3,A1,S3) could never be
 * received and every value quoted in the text would be wrong. The table above is the one that agrees with the listed
 * rewards, with Figure 6.2's labels ("S2 action 1, reward 1", ...) and with every number in the text: the MDP-optimal
 * policy has V = 1/(1 − γ) = 100 everywhere, "always A1" stays ("never transit to other states"), and "always A2"
 * circulates through all three states, paid only when leaving S1.
 *
 * <p>A policy here is written, as in the text, by p_i1 = π(A1|Si).
 */
public final class ThreeStateExample {
  /** State S1. */
  public static final int S1 = 0;
  /** State S2. */
  public static final int S2 = 1;
  /** State S3. */
  public static final int S3 = 2;
  /** Action A1 (stay). */
  public static final int A1 = 0;
  /** Action A2 (move on around the cycle). */
  public static final int A2 = 1;
  /** The discount of §6.2.2. */
  public static final double GAMMA = 0.99;

  private ThreeStateExample() {}

  /** The SA-MDP of §6.2.2. */
  public static SaMdp saMdp() {
    return SaMdp.builder(List.of("S1", "S2", "S3"), List.of("A1", "A2"), GAMMA)
        .transition(S1, A1, S1, 1.0)
        .transition(S1, A2, S2, 1.0)
        .transition(S2, A1, S2, 1.0)
        .transition(S2, A2, S3, 1.0)
        .transition(S3, A1, S3, 1.0)
        .transition(S3, A2, S1, 1.0)
        .reward(S1, A2, S2, 1.0)
        .reward(S2, A1, S2, 1.0)
        .reward(S3, A1, S3, 1.0)
        .perturbationSet(S1, S1, S2, S3)
        .perturbationSet(S2, S1, S2, S3)
        .perturbationSet(S3, S1, S2, S3)
        .build();
  }

  /**
   * The policy with p_i1 = π(A1|Si) and π(A2|Si) = 1 − p_i1.
   *
   * @throws IllegalArgumentException if a probability is outside [0, 1]
   */
  public static TabularPolicy policy(double p11, double p21, double p31) {
    return TabularPolicy.of(new double[][] {{p11, 1 - p11}, {p21, 1 - p21}, {p31, 1 - p31}});
  }
}
