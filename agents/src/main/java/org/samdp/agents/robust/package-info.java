/**
 * Solvers of the inner maximisation of state-adversarial regularisers, shared by the SA trainers:
 * {@link org.samdp.agents.robust.Sgld} finds a perturbation inside the ℓ∞ ball (a lower bound of the maximum),
 * {@link org.samdp.agents.robust.PolicyKlBound} bounds the KL over the whole ball through the bound engine (an upper
 * bound, differentiable with respect to the weights).
 */
package org.samdp.agents.robust;
