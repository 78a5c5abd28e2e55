package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.envs.mujoco.GymnasiumPeer;
import org.samdp.experiments.video.VideoFile;

/**
 * {@code samdp record} through the {@code .venv} Python: an MP4 of a CartPole episode (read back by the same ffmpeg)
 * and a GIF of an InvertedPendulum episode rendered offscreen by the mujoco package.
 */
@Tag("native")
class RecordVideoNativeTest {
  @TempDir
  Path dir;

  private Path train(String env, String name) {
    Path run = dir.resolve(name);
    CliRun train = CliRun.of("train", "--algo", "ppo", "--env", env, "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=256", "--set", "ppo.minibatchSize=64", "--set", "run.evalEpisodes=0", "--out",
        run.toString());
    assertEquals(0, train.exitCode(), train.err());
    return run;
  }

  private static void requirePython() {
    assumeTrue(Files.isExecutable(GymnasiumPeer.python()), "no Python in .venv (" + GymnasiumPeer.python()
        + "): ./samdp test sets it up");
  }

  @Test
  void anMp4HoldsEveryFrameOfTheEpisode() throws Exception {
    requirePython();
    Path mp4 = dir.resolve("clean.mp4");
    CliRun record = CliRun.of("record", "--run", train("CartPole-v1", "cartpole").toString(), "--out",
        mp4.toString());
    assertEquals(0, record.exitCode(), record.err());
    int frames = Integer.parseInt(RecordCommandTest.group("(\\d+) frames of 300x200", record.out()));
    Process probe = new ProcessBuilder(VideoFile.ffmpeg(), "-i", mp4.toString(),
        "-map", "0:v:0", "-f", "null", "-").redirectErrorStream(true).start();
    String log = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, probe.waitFor(), log);
    assertTrue(log.contains("300x200"), log);
    assertEquals(frames, Integer.parseInt(RecordCommandTest.group("frame=\\s*(\\d+)", lastProgress(log))), log);
  }

  @Test
  void aMuJoCoEpisodeIsRenderedOffscreen() throws IOException {
    requirePython();
    Path gif = dir.resolve("pendulum.gif");
    CliRun record = CliRun.of("record", "--run", train("InvertedPendulum-v4", "pendulum").toString(), "--out",
        gif.toString());
    assumeFalse(record.err().contains("could not render MuJoCo frames offscreen"),
        "no offscreen OpenGL here, MuJoCo frames not checked: " + record.err());
    assertEquals(0, record.exitCode(), record.err());
    int frames = Integer.parseInt(RecordCommandTest.group("(\\d+) frames of 320x240", record.out()));
    RecordCommandTest.assertGif(gif, frames, 320, 240);
  }

  /** ffmpeg's last progress line (it rewrites the line with carriage returns). */
  private static String lastProgress(String log) {
    String[] parts = log.split("frame=");
    return "frame=" + parts[parts.length - 1];
  }
}
