package org.samdp.adversaries.trained;

import java.nio.file.Path;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.threat.ThreatModel;

/**
 * The agent a trained attacker is trained against.
 *
 * @param resultsDirectory the victim's run directory, where its attackers live
 * @param checkpoint the victim's checkpoint (attackers are keyed by its policy's digest)
 * @param env the env id
 * @param policy the victim, its normaliser frozen
 * @param envs where its envs come from
 * @param radiusScale per observation value, the unit of ε (SA-DDPG's state stds), or null for normalized units
 */
public record Victim(Path resultsDirectory, Path checkpoint, String env, Policy policy, EnvSource envs,
    double[] radiusScale) {

  /** B(s) of radius {@code eps} for this victim: the ball of the robustness evaluation, in the victim's units. */
  public ThreatModel threat(double eps) {
    ThreatModel threat = RobustnessEvaluation.threatModel(policy, envs, eps);
    return radiusScale == null ? threat : threat.scaled(radiusScale);
  }
}
