package org.samdp.agents.rollout;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Acting;

/**
 * One step of an {@link EpisodeLoop} with a policy: what the agent saw and did, and what the envs returned. Rows are
 * the episodes that were running, in slot order.
 *
 * @param states the true normalized observations {@code [B, ...shape]}
 * @param view what the agent acted on: the adversary's ŝ ∈ B(s), or {@code states} without an adversary
 * @param acting the policy's actions, distribution and next state
 * @param step the envs' rewards, ends and finished episodes
 */
public record Transition(NDArray states, NDArray view, Acting acting, StepResult step) {}
