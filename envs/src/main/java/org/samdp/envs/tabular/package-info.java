/**
 * Finite state-adversarial MDPs (dissertation §6.2): the value type {@link org.samdp.envs.tabular.SaMdp}
 * (S, A, B, R, p, γ), stochastic tabular policies π(a|ŝ) over observed states, and the two instances of the
 * dissertation, the 3-state example of §6.2.2 and a GridWorld in the spirit of Fig. 6.6. The solvers (policy
 * evaluation under the optimal adversary, the adversary MDP, policy iteration) live in
 * {@code org.samdp.adversaries.tabular}.
 */
package org.samdp.envs.tabular;
