/**
 * The learned adversary on observations (SA-RL, §6.2.3 and Algorithm 6.12): the adversary's MDP as an env
 * ({@link org.samdp.agents.adversary.AdversaryEnv}), on which any policy learner (samdp's PPO) trains an adversary,
 * and the trained adversary as an {@link org.samdp.agents.threat.ObservationAdversary}
 * ({@link org.samdp.agents.adversary.LearnedAdversary}), for the optimal attack and for ATLA's training adversary.
 */
package org.samdp.agents.adversary;
