package org.samdp.experiments.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.envs.mujoco.GymnasiumPeer;

/**
 * Writes frames as an animated GIF (Java's own GIF encoder, looping) or an MP4 (H.264 by the ffmpeg that the
 * {@code imageio-ffmpeg} package in {@code .venv} ships), chosen by the file's extension; the file appears whole or
 * not at all.
 */
public final class VideoFile {
  private VideoFile() {}

  /**
   * @throws IllegalArgumentException for an extension other than {@code .gif} or {@code .mp4}
   */
  public static void write(Path file, List<BufferedImage> frames, int fps) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gif")) {
      AtomicFiles.write(file, out -> gif(out, frames, fps));
    } else if (name.endsWith(".mp4")) {
      mp4(file, frames, fps);
    } else {
      throw new IllegalArgumentException("--out must end in .gif or .mp4, got " + file.getFileName());
    }
  }

  private static void gif(OutputStream out, List<BufferedImage> frames, int fps) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
            null);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(2, Math.round(100f / fps))));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        // Netscape's extension: loop for ever.
        IIOMetadataNode applications = new IIOMetadataNode("ApplicationExtensions");
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        loop.setUserObject(new byte[] {1, 0, 0});
        applications.appendChild(loop);
        root.appendChild(applications);
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  private static void mp4(Path file, List<BufferedImage> frames, int fps) {
    int width = frames.get(0).getWidth();
    int height = frames.get(0).getHeight();
    Path temp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".tmp.mp4");
    try {
      Files.createDirectories(temp.getParent());
      Process ffmpeg = new ProcessBuilder(ffmpeg(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
          "-s", width + "x" + height, "-r", Integer.toString(fps), "-i", "-", "-an", "-vcodec", "libx264",
          "-pix_fmt", "yuv420p", temp.toString()).redirectErrorStream(true).start();
      byte[] rgb = new byte[width * height * 3];
      try (OutputStream in = ffmpeg.getOutputStream()) {
        for (BufferedImage frame : frames) {
          for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 3) {
              int pixel = frame.getRGB(x, y);
              rgb[i] = (byte) (pixel >> 16);
              rgb[i + 1] = (byte) (pixel >> 8);
              rgb[i + 2] = (byte) pixel;
            }
          }
          in.write(rgb);
        }
      }
      String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (ffmpeg.waitFor() != 0) {
        throw new IllegalStateException("ffmpeg could not write " + file + ": " + log);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + file, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }

  /** The ffmpeg executable of {@code imageio-ffmpeg} in {@code .venv}. */
  public static String ffmpeg() {
    String howTo = "; write a .gif instead, or run ./samdp, which installs imageio-ffmpeg into .venv";
    try {
      Process probe = new ProcessBuilder(GymnasiumPeer.python().toString(), "-c",
          "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())").redirectErrorStream(true).start();
      String output;
      try (InputStream in = probe.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (probe.waitFor() != 0) {
        throw new IllegalStateException("an MP4 needs ffmpeg from imageio-ffmpeg, not found in .venv" + howTo);
      }
      return output.lines().reduce((a, b) -> b).orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException("an MP4 needs the Python of .venv (" + GymnasiumPeer.python() + ")" + howTo, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for ffmpeg", e);
    }
  }
}
