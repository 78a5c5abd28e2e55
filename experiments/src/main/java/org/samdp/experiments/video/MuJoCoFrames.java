package org.samdp.experiments.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.envs.mujoco.GymnasiumPeer;

/**
 * MuJoCo frames rendered offscreen from the episode's {@code qpos} by Gymnasium's env of the same id (the same model)
 * in the project's {@code .venv} ({@code mujoco_frames.py}, shipped beside this class), with EGL unless
 * {@code MUJOCO_GL} says otherwise.
 */
final class MuJoCoFrames implements FrameRenderer {
  static final int WIDTH = 320;
  static final int HEIGHT = 240;
  private static final String SCRIPT = "mujoco_frames.py";

  @Override
  public List<BufferedImage> render(RecordedEpisode episode) {
    Path python = GymnasiumPeer.python();
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException("rendering MuJoCo frames needs the Python of .venv (" + python + "); run"
          + " ./samdp, which sets it up");
    }
    Path script = null;
    Path errors = null;
    try {
      script = Files.createTempFile("samdp-", "-" + SCRIPT);
      errors = Files.createTempFile("samdp-", "-render.txt");
      try (InputStream source = MuJoCoFrames.class.getResourceAsStream(SCRIPT)) {
        Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
      }
      ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString()).redirectError(errors.toFile());
      builder.environment().putIfAbsent("MUJOCO_GL", "egl");
      builder.environment().putIfAbsent("PYOPENGL_PLATFORM", builder.environment().get("MUJOCO_GL"));
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(new ObjectMapper().writeValueAsBytes(Map.of("env", episode.env(), "width", WIDTH, "height", HEIGHT,
            "qpos", episode.positions())));
      }
      List<BufferedImage> frames = new ArrayList<>();
      byte[] rgb = new byte[WIDTH * HEIGHT * 3];
      try (DataInputStream out = new DataInputStream(process.getInputStream())) {
        for (int f = 0; f < episode.positions().size(); f++) {
          out.readFully(rgb);
          frames.add(image(rgb));
        }
      } catch (EOFException e) {
        // The renderer stopped early: its error says why.
      }
      int exit = process.waitFor();
      if (exit != 0 || frames.size() != episode.positions().size()) {
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
        throw new IllegalStateException("could not render MuJoCo frames offscreen (" + (lines.isEmpty() ? "exit "
            + exit : lines.get(lines.size() - 1)) + "); it needs EGL (apt-get install libegl1 libegl-mesa0"
            + " libgl1-mesa-dri) or OSMesa (libosmesa6 and MUJOCO_GL=osmesa)");
      }
      return frames;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + python + " to render MuJoCo frames: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering MuJoCo frames", e);
    } finally {
      deleteQuietly(script);
      deleteQuietly(errors);
    }
  }

  private static BufferedImage image(byte[] rgb) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int y = 0, i = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++, i += 3) {
        image.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
      }
    }
    return image;
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary file left behind is harmless
    }
  }
}
