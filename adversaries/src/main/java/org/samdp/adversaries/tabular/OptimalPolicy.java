package org.samdp.adversaries.tabular;

import java.util.List;

/**
 * An optimal deterministic policy of the plain MDP (no adversary) and its values.
 *
 * @param actions π*(s), the action taken in every state
 * @param values V*(s)
 * @param iterations the policy improvement steps policy iteration needed
 */
public record OptimalPolicy(List<Integer> actions, List<Double> values, int iterations) {
  /** Copies the lists. */
  public OptimalPolicy {
    actions = List.copyOf(actions);
    values = List.copyOf(values);
  }
}
