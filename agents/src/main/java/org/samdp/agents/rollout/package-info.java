/**
 * The episode loop: {@link org.samdp.agents.rollout.EpisodeLoop} steps a set of environments from an
 * {@link org.samdp.agents.rollout.EnvSource} with one seed convention, threading the policy's state and an optional
 * adversary between normalisation and acting; training loops keep their episodes replayable (so a checkpoint can
 * restore them exactly), evaluations run a fixed number of episodes side by side.
 * {@link org.samdp.agents.rollout.PolicyEvaluation} is the clean evaluation on it;
 * {@link org.samdp.agents.rollout.RewardScaler} is the return-based reward scaling of PPO;
 * {@link org.samdp.agents.rollout.SplitMix64} is a random generator whose state is one number.
 */
package org.samdp.agents.rollout;
