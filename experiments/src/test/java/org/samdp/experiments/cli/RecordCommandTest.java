package org.samdp.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code samdp record} on a tiny CartPole run: a GIF's frame count and size, side by side, and bad input. */
class RecordCommandTest {
  @TempDir
  static Path dir;

  private static Path run;

  @BeforeAll
  static void train() {
    run = dir.resolve("ppo");
    CliRun train = CliRun.of("train", "--algo", "ppo", "--preset", "cartpole", "--set", "totalSteps=256", "--set",
        "ppo.stepsPerIteration=256", "--set", "ppo.minibatchSize=64", "--set", "run.evalEpisodes=0", "--out",
        run.toString());
    assertEquals(0, train.exitCode(), train.err());
  }

  @Test
  void aCleanEpisodeIsOneFrameAfterTheResetAndOnePerStep() throws IOException {
    Path gif = dir.resolve("clean.gif");
    CliRun record = CliRun.of("record", "--run", run.toString(), "--out", gif.toString());
    assertEquals(0, record.exitCode(), record.err());
    // On CartPole the return is the episode's length.
    int steps = (int) Double.parseDouble(group("clean return ([0-9.]+)", record.out()));
    assertGif(gif, steps + 1, 300, 200);
    assertTrue(record.out().contains((steps + 1) + " frames of 300x200 written to " + gif), record.out());
  }

  @Test
  void sideBySideTheLongerEpisodeSetsTheLength() throws IOException {
    Path gif = dir.resolve("both.gif");
    CliRun record = CliRun.of("record", "--run", run.toString(), "--attack", "random", "--eps", "0.5",
        "--side-by-side", "--out", gif.toString());
    assertEquals(0, record.exitCode(), record.err());
    int clean = (int) Double.parseDouble(group("clean return ([0-9.]+)", record.out()));
    int attacked = (int) Double.parseDouble(group("random eps 0.5 return ([0-9.]+)", record.out()));
    assertGif(gif, Math.max(clean, attacked) + 1, 600, 200);
  }

  @Test
  void badInputIsRefusedWithoutWritingAVideo() {
    assertRefused(CliRun.of("record", "--run", run.toString(), "--attack", "random", "--out",
        dir.resolve("a.gif").toString()), "--attack and --eps go together");
    assertRefused(CliRun.of("record", "--run", run.toString(), "--side-by-side", "--out",
        dir.resolve("b.gif").toString()), "--side-by-side puts an attacked episode beside the clean one");
    assertRefused(CliRun.of("record", "--run", run.toString(), "--attack", "optimal", "--eps", "0.1", "--out",
        dir.resolve("c.gif").toString()), "run samdp attack --run " + run + " --attack optimal --eps 0.1 first");
    assertRefused(CliRun.of("record", "--run", run.toString(), "--out", dir.resolve("d.avi").toString()),
        "--out must end in .gif or .mp4");
    for (String name : new String[] {"a.gif", "b.gif", "c.gif", "d.avi"}) {
      assertFalse(Files.exists(dir.resolve(name)), name);
    }
  }

  /** Reads every frame of the GIF back with Java's GIF reader. */
  static void assertGif(Path gif, int frames, int width, int height) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(frames, reader.getNumImages(true), "frames of " + gif);
      for (int i = 0; i < frames; i += Math.max(1, frames / 4)) {
        assertEquals(width, reader.read(i).getWidth());
        assertEquals(height, reader.read(i).getHeight());
      }
      reader.dispose();
    }
  }

  static String group(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), regex + " in " + text);
    return matcher.group(1);
  }

  private static void assertRefused(CliRun run, String message) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains(message), run.err());
  }
}
