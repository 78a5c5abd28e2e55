/**
 * PPO and SA-PPO (dissertation §6.3.1.1, Algorithm 6.5; hyper-parameters §6.7.2.1): the configuration, the rollout
 * buffer with GAE, the state-adversarial regulariser (SGLD or convex relaxation through the bound engine) and the
 * trainer, whose {@code update} method holds the whole loss.
 */
package org.samdp.agents.ppo;
