package org.samdp.experiments.video;

import java.awt.image.BufferedImage;
import java.util.List;

/** Draws an episode's frames. */
public interface FrameRenderer {

  /** One image per frame of the episode, all of one size. */
  List<BufferedImage> render(RecordedEpisode episode);

  /**
   * The renderer of an env: classic control and MinAtar drawn here, MuJoCo by the {@code mujoco} package in
   * {@code .venv}.
   *
   * @param mujoco whether the env is a MuJoCo env (its episodes record {@code qpos})
   * @throws IllegalArgumentException for an env no renderer draws
   */
  static FrameRenderer of(String env, boolean mujoco) {
    if (mujoco) {
      return new MuJoCoFrames();
    }
    if (env.startsWith("MinAtar/")) {
      return new MinAtarFrames();
    }
    if (ClassicControlFrames.draws(env)) {
      return new ClassicControlFrames();
    }
    throw new IllegalArgumentException("samdp record draws classic control, MinAtar and MuJoCo envs, not " + env);
  }
}
