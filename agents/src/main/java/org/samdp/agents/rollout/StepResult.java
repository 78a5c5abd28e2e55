package org.samdp.agents.rollout;

import java.util.List;

/**
 * One step of every sub-env.
 *
 * @param observations the next raw observation of each env; for an env whose episode just ended, the first
 *     observation of its next episode
 * @param rewards raw rewards
 * @param terminated episode reached a terminal state (no bootstrapping)
 * @param truncated episode was cut short, e.g. by a time limit (bootstrap from {@code finalObservations})
 * @param finalObservations the last observation of each episode that ended on this step, null elsewhere
 * @param finished the episodes that ended on this step
 */
public record StepResult(double[][] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
    double[][] finalObservations, List<Episode> finished) {

  /** True if env {@code i}'s episode ended on this step. */
  public boolean done(int i) {
    return terminated[i] || truncated[i];
  }

  /** Per env: did the episode end on this step. */
  public boolean[] done() {
    boolean[] done = new boolean[rewards.length];
    for (int i = 0; i < done.length; i++) {
      done[i] = done(i);
    }
    return done;
  }
}
