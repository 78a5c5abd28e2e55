package org.samdp.agents.rollout;

import java.util.List;

/**
 * What {@link EnvRunner#restore} needs: the seed, and per sub-env its episode counter, the actions of its running
 * episode and the observation they lead to (to check the replay).
 *
 * @param seed the runner's seed
 * @param envs one entry per sub-env
 */
public record RunnerState(long seed, List<EnvState> envs) {

  /** Copies the list. */
  public RunnerState {
    envs = List.copyOf(envs);
  }

  /**
   * One sub-env.
   *
   * @param episodeIndex how many episodes it finished
   * @param actions the actions of the running episode so far
   * @param observation the current observation
   */
  public record EnvState(long episodeIndex, double[][] actions, double[] observation) {}
}
