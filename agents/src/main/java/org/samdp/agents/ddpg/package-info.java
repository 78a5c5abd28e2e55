/**
 * DDPG and SA-DDPG (dissertation §6.3.1.2, §6.7.2.2, as the authors' code runs them):
 * {@link org.samdp.agents.ddpg.DdpgConfig} with their defaults, {@link org.samdp.agents.ddpg.DdpgTrainer} (a
 * deterministic tanh actor and a critic on concat(s, a), uniform replay, Ornstein-Uhlenbeck exploration, soft targets,
 * and the regulariser on the action change over a box of state stds, by SGLD or convex relaxation), the
 * {@link org.samdp.agents.ddpg.Critic} that attacks load from a checkpoint and the exploration noise.
 */
package org.samdp.agents.ddpg;
