/**
 * ATLA, alternating training with learned adversaries (dissertation §6.4, Algorithm 6.8): an agent PPO learner and a
 * PPO adversary on the agent's observations, trained in turn, the agent on what the adversary let it see, the adversary
 * on the true state for minus the agent's reward. MLP or LSTM agents; with {@code robust.kappa > 0} the agent also
 * carries SA-PPO's SGLD regulariser (ATLA-LSTM+SA).
 */
package org.samdp.agents.atla;
