package org.samdp.experiments.video;

import java.util.List;

/**
 * One episode as a video draws it: what the env showed after its reset and after every step.
 *
 * @param env the env id
 * @param observations the true observations (not what an adversary made the agent see), one per frame
 * @param positions per frame, a MuJoCo env's {@code qpos}; empty for other envs
 * @param episodicReturn the episode's return
 */
public record RecordedEpisode(String env, List<double[]> observations, List<double[]> positions,
    double episodicReturn) {

  /** Frames: the first observation and one per step. */
  public int frames() {
    return observations.size();
  }
}
