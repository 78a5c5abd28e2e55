package org.samdp.adversaries.tabular;

import java.util.List;

/**
 * The optimal (worst-case) adversary ν* for a fixed policy π and what it leaves the agent.
 *
 * @param agentValues Ṽ_{π∘ν*}(s), the agent's value in every true state under ν*
 * @param adversary ν*(s) ∈ B(s), the observed state the adversary shows in true state s (deterministic, Assumption
 *     6.2.1; ties go to the lowest state index)
 * @param iterations the sweeps the solver needed
 */
public record OptimalAdversary(List<Double> agentValues, List<Integer> adversary, int iterations) {
  /** Copies the lists. */
  public OptimalAdversary {
    agentValues = List.copyOf(agentValues);
    adversary = List.copyOf(adversary);
  }
}
