/**
 * The robustness evaluation of §6.5: {@link org.samdp.adversaries.eval.RobustnessEvaluation} runs a policy
 * deterministically over seeded episodes, naturally or under an attack, and {@link
 * org.samdp.adversaries.eval.Certifier} certifies each step with the bound engine (certified actions for Q networks,
 * KL and action-change bounds for PPO policies, certified radii), summarised as the papers' tables report them.
 */
package org.samdp.adversaries.eval;
