package org.samdp.adversaries.trained;

import java.nio.file.Path;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;

/**
 * The agent a trained attacker is trained against.
 *
 * @param resultsDirectory the victim's run directory, where its attackers live
 * @param checkpoint the victim's checkpoint (attackers are keyed by its policy's digest)
 * @param env the env id
 * @param policy the victim, its normaliser frozen
 * @param envs where its envs come from
 */
public record Victim(Path resultsDirectory, Path checkpoint, String env, Policy policy, EnvSource envs) {}
