/**
 * DQN and SA-DQN (dissertation §6.3.1.3, Algorithm 6.7): {@link org.samdp.agents.dqn.DqnConfig} with the papers'
 * defaults, {@link org.samdp.agents.dqn.DqnTrainer} (Double DQN, dueling head, prioritized replay, Huber TD loss,
 * target network, ε-greedy exploration, and the hinge regulariser on the worst action margin solved by PGD or bounded
 * by convex relaxation) on the prioritized {@link org.samdp.agents.replay.ReplayBuffer}. Returns under PGD and action certification
 * rates come from the robustness evaluation of {@code adversaries}.
 */
package org.samdp.agents.dqn;
