package org.samdp.adversaries.attack;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;

/**
 * An adversary on the agent's observations (§6.4): given the policy under attack and a batch of normalized
 * observations s, it returns what the agent sees instead, ŝ ∈ B(s). The environment keeps stepping from the true
 * state; only the agent's view changes.
 *
 * <p>Gradient-based attacks differentiate with respect to the observations only (through
 * {@link Policy#detached()}), each step in its own GradientCollector: call them while no other collector is open.
 */
public interface Attack {

  /**
   * The perturbed observations.
   *
   * @param policy the policy under attack (its parameters are not changed)
   * @param states normalized observations {@code [B, ...shape]}
   * @param threat the set B(s) the perturbations must stay in
   * @return {@code [B, ...shape]} inside B(s), without gradient history, in the manager of {@code states}
   */
  NDArray perturb(Policy policy, NDArray states, ThreatModel threat);
}
