/**
 * Evaluation-time attacks on observations (dissertation §6.4) behind one {@link
 * org.samdp.adversaries.attack.Attack} interface: uniform random noise, the critic attack (Algorithm 6.9, V-based for
 * PPO), the maximal action difference attack (Algorithm 6.11, SGLD on the KL) and untargeted PGD on Q networks
 * (eq. 6.15). Every perturbation stays inside the {@link org.samdp.adversaries.attack.ThreatModel}: the ℓ∞ ball of
 * radius ε around the normalized observation, clipped to the values observations can take.
 */
package org.samdp.adversaries.attack;
