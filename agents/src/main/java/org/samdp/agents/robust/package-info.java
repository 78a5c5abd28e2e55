/**
 * The state-adversarial regularisers' bounds, shared by the SA trainers: {@link org.samdp.agents.robust.PolicyKlBound}
 * bounds the KL and {@link org.samdp.agents.robust.ActionMargin} the worst action margin of a Q network over the whole
 * ball through the bound engine (upper bounds, differentiable with respect to the weights). The inner maximisations'
 * solver and the ball itself are in {@link org.samdp.agents.threat}.
 */
package org.samdp.agents.robust;
