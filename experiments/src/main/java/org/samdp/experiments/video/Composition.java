package org.samdp.experiments.video;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Frames captioned, and two episodes side by side. */
public final class Composition {
  private Composition() {}

  /** The frames with {@code text} in their top left corner. */
  public static List<BufferedImage> captioned(List<BufferedImage> frames, String text) {
    List<BufferedImage> captioned = new ArrayList<>();
    for (BufferedImage frame : frames) {
      BufferedImage copy = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = copy.createGraphics();
      g.drawImage(frame, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      int width = g.getFontMetrics().stringWidth(text);
      g.setColor(new Color(255, 255, 255, 200));
      g.fillRect(2, 2, width + 6, 15);
      g.setColor(Color.BLACK);
      g.drawString(text, 5, 13);
      g.dispose();
      captioned.add(copy);
    }
    return captioned;
  }

  /**
   * Each frame of {@code left} beside the same frame of {@code right}; the shorter episode holds its last frame until
   * the longer one ends.
   */
  public static List<BufferedImage> sideBySide(List<BufferedImage> left, List<BufferedImage> right) {
    int frames = Math.max(left.size(), right.size());
    int width = left.get(0).getWidth();
    List<BufferedImage> joined = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      BufferedImage a = left.get(Math.min(f, left.size() - 1));
      BufferedImage b = right.get(Math.min(f, right.size() - 1));
      BufferedImage both = new BufferedImage(width + b.getWidth(), Math.max(a.getHeight(), b.getHeight()),
          BufferedImage.TYPE_INT_RGB);
      Graphics2D g = both.createGraphics();
      g.drawImage(a, 0, 0, null);
      g.drawImage(b, width, 0, null);
      g.dispose();
      joined.add(both);
    }
    return joined;
  }
}
