/**
 * Solvers of the inner maximisation of state-adversarial regularisers, shared by the SA trainers:
 * {@link org.samdp.agents.robust.Sgld} and {@link org.samdp.agents.robust.Pgd} find a perturbation inside the ℓ∞ ball
 * (a lower bound of the maximum), {@link org.samdp.agents.robust.PolicyKlBound} bounds the KL and
 * {@link org.samdp.agents.robust.ActionMargin} the worst action margin of a Q network over the whole ball through the
 * bound engine (upper bounds, differentiable with respect to the weights). {@link org.samdp.agents.robust.ObservationRange}
 * keeps perturbed pixels in their range.
 */
package org.samdp.agents.robust;
