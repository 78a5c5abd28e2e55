/**
 * Shared rollout collection: {@link org.samdp.agents.rollout.EnvRunner} steps a set of environments with seeded,
 * replayable episodes (so a checkpoint can restore them exactly), records episode returns, and hands trainers raw
 * observations; {@link org.samdp.agents.rollout.RewardScaler} is the return-based reward scaling of PPO;
 * {@link org.samdp.agents.rollout.SplitMix64} is a random generator whose state is one number.
 */
package org.samdp.agents.rollout;
