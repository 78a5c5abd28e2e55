/**
 * The Robust Sarsa attack (dissertation §6.4.2, the PPO-family code's form): {@link
 * org.samdp.adversaries.sarsa.RobustSarsaTrainer} learns the Q function {@code Q_RS(s, a)} of a fixed victim with an
 * optional robustness regulariser from the bound engine, configured by {@link
 * org.samdp.adversaries.sarsa.RobustSarsaConfig}; against a deterministic actor (DDPG), {@link
 * org.samdp.adversaries.sarsa.DdpgSarsaTrainer} learns it in the DDPG code's form (replay of the noisy victim, an
 * action-only ball), configured by {@link org.samdp.adversaries.sarsa.DdpgSarsaConfig}; {@link org.samdp.adversaries.sarsa.RobustSarsaAttack} perturbs the
 * victim's observations to minimise Q_RS of the actions it then takes (RS), optionally mixed with the MAD objective
 * (RS+MAD).
 */
package org.samdp.adversaries.sarsa;
