/**
 * Tabular SA-MDP theory of dissertation §6.2 on {@link org.samdp.envs.tabular.SaMdp}: policy evaluation under the
 * optimal adversary (Algorithm 6.4) and under a fixed adversary (Theorem 6.2.3), the optimal adversary as an MDP
 * (Lemma 6.2.7) solved by value iteration, plain policy iteration for the MDP-optimal policy, and a summary of the
 * 3-state example of §6.2.2. Both routes to the optimal adversary give the same values; the tests hold them to it.
 */
package org.samdp.adversaries.tabular;
