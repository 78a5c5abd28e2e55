/**
 * Experience replay shared by the off-policy trainers: {@link org.samdp.agents.replay.ReplayBuffer}, prioritized
 * (DQN) or uniform (DDPG), saved exactly into checkpoints.
 */
package org.samdp.agents.replay;
