package org.samdp.envs;

/**
 * How an environment id is registered: the Gymnasium id, its default time limit and reward threshold, and whether it
 * is deterministic given a seed.
 *
 * @param maxEpisodeSteps the {@code TimeLimit} that {@code make} applies, or 0 for none
 * @param rewardThreshold the return at which the task counts as solved, or {@code Double.NaN} if none is defined
 */
public record EnvSpec(String id, int maxEpisodeSteps, double rewardThreshold, boolean nondeterministic) {

  /** A spec for an environment built directly rather than through the registry. */
  public static EnvSpec anonymous(String name) {
    return new EnvSpec(name, 0, Double.NaN, false);
  }
}
