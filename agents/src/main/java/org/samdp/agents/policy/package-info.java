/**
 * The {@link org.samdp.agents.policy.Policy} that trainers produce and attacks and certificates consume: an
 * observation normaliser (frozen at evaluation) and a network, acting on batches of normalized observations.
 * {@link org.samdp.agents.policy.PolicyKind} says what the network outputs (Gaussian means, categorical logits or Q
 * values); {@link org.samdp.agents.policy.Policies} saves and loads any policy without its trainer.
 */
package org.samdp.agents.policy;
