package org.samdp.experiments.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.samdp.envs.minatar.MinAtarEnv;

/**
 * MinAtar's grid drawn from its observation (channel-first, {@code (C, 10, 10)}): one colour per channel, black
 * where no channel is set; where several are, the later channel's colour shows.
 */
final class MinAtarFrames implements FrameRenderer {
  static final int CELL = 16;
  private static final Color[] PALETTE = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25),
      new Color(0, 130, 200), new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240),
      new Color(240, 50, 230), new Color(210, 245, 60), new Color(250, 190, 212)};

  @Override
  public List<BufferedImage> render(RecordedEpisode episode) {
    return episode.observations().stream().map(MinAtarFrames::frame).toList();
  }

  private static BufferedImage frame(double[] observation) {
    int size = MinAtarEnv.SIZE;
    int channels = observation.length / (size * size);
    BufferedImage image = new BufferedImage(size * CELL, size * CELL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int c = 0; c < channels; c++) {
      g.setColor(PALETTE[c % PALETTE.length]);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          if (observation[(c * size + y) * size + x] > 0.5) {
            g.fillRect(x * CELL, y * CELL, CELL, CELL);
          }
        }
      }
    }
    g.dispose();
    return image;
  }
}
