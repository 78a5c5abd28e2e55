package org.samdp.agents.policy;

import ai.djl.ndarray.NDArray;

/**
 * What a policy did on a batch: its actions, the distribution they came from (null for greedy Q and deterministic
 * actors) and its state after acting.
 *
 * @param actions {@code [B, n]} for Box actions, {@code [B]} indices for Discrete ones
 * @param distribution the action distribution at the observations, or null
 * @param next the policy's state for the next step
 */
public record Acting(NDArray actions, ActionDistribution distribution, PolicyState next) {}
