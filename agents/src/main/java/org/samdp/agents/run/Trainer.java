package org.samdp.agents.run;

import java.nio.file.Path;
import java.util.Map;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;

/** What a {@link TrainingCallback} sees of a running trainer. */
public interface Trainer {

  /** The algorithm's name, e.g. {@code ppo}. */
  String algorithm();

  /** The env id. */
  String envId();

  /** Iterations completed. */
  int iteration();

  /** Iterations the run will do in all. */
  int totalIterations();

  /** Environment steps taken (all sub-envs together). */
  long globalStep();

  /** Environment steps the run will take in all. */
  long totalSteps();

  /** The agent's policy being trained. */
  Policy policy();

  /**
   * Every policy the run trains and its checkpoints hold, by name: the agent as {@value Policies#AGENT}, then any
   * other (an adversary).
   */
  default Map<String, Policy> policies() {
    return Map.of(Policies.AGENT, policy());
  }

  /** Writes a checkpoint of the current state (after a completed iteration) and returns its directory. */
  Path saveCheckpoint();

  /** Asks the trainer to stop after the current iteration (early stopping). */
  void requestStop(String reason);
}
