/**
 * Fixed attacks on observations (dissertation §6.4), each an {@link org.samdp.agents.threat.ObservationAdversary}:
 * uniform random noise, the critic attack (Algorithm 6.9, V-based for PPO), the maximal action difference attack
 * (Algorithm 6.11, SGLD on the KL) and untargeted PGD on Q networks (eq. 6.15). Every perturbation stays inside the
 * {@link org.samdp.agents.threat.ThreatModel}; {@link org.samdp.adversaries.attack.Attacks} names them and says which
 * apply to which agent.
 */
package org.samdp.adversaries.attack;
