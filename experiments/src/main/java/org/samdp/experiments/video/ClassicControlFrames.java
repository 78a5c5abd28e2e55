package org.samdp.experiments.video;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Classic control envs drawn from their observations, in the layout of Gymnasium's renderings: CartPole, Pendulum,
 * Acrobot and the mountain cars.
 */
final class ClassicControlFrames implements FrameRenderer {
  static final int WIDTH = 300;
  static final int HEIGHT = 200;
  private static final Color INK = new Color(40, 40, 40);
  private static final Color POLE = new Color(202, 152, 101);
  private static final Color LINK = new Color(0, 204, 204);

  static boolean draws(String env) {
    return env.startsWith("CartPole") || env.startsWith("Pendulum") || env.startsWith("Acrobot")
        || env.startsWith("MountainCar");
  }

  @Override
  public List<BufferedImage> render(RecordedEpisode episode) {
    return episode.observations().stream().map(o -> frame(episode.env(), o)).toList();
  }

  private static BufferedImage frame(String env, double[] observation) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    if (env.startsWith("CartPole")) {
      cartPole(g, observation[0], observation[2]);
    } else if (env.startsWith("Pendulum")) {
      pendulum(g, Math.atan2(observation[1], observation[0]));
    } else if (env.startsWith("Acrobot")) {
      acrobot(g, Math.atan2(observation[1], observation[0]), Math.atan2(observation[3], observation[2]));
    } else {
      mountainCar(g, observation[0]);
    }
    g.dispose();
    return image;
  }

  /** The cart at x (the track spans ±2.4) and the pole at angle θ from upright, 1.0 long. */
  private static void cartPole(Graphics2D g, double x, double theta) {
    double scale = WIDTH / 4.8;
    double cartX = WIDTH / 2.0 + x * scale;
    double trackY = HEIGHT * 0.75;
    g.setColor(INK);
    g.draw(new Line2D.Double(0, trackY, WIDTH, trackY));
    g.fill(new Rectangle2D.Double(cartX - 20, trackY - 15, 40, 20));
    double length = 1.0 * scale;
    g.setColor(POLE);
    g.setStroke(new BasicStroke(8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(cartX, trackY - 10, cartX + length * Math.sin(theta),
        trackY - 10 - length * Math.cos(theta)));
  }

  /** The rod at angle θ from upright. */
  private static void pendulum(Graphics2D g, double theta) {
    double cx = WIDTH / 2.0;
    double cy = HEIGHT / 2.0;
    double length = HEIGHT * 0.4;
    g.setColor(new Color(204, 77, 77));
    g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(cx, cy, cx + length * Math.sin(theta), cy - length * Math.cos(theta)));
    g.setColor(INK);
    g.fill(new Ellipse2D.Double(cx - 4, cy - 4, 8, 8));
  }

  /** Two links hanging from the centre, at angles θ1 and θ1 + θ2 from straight down. */
  private static void acrobot(Graphics2D g, double theta1, double theta2) {
    double cx = WIDTH / 2.0;
    double cy = HEIGHT / 2.0;
    double length = HEIGHT * 0.22;
    double x1 = cx + length * Math.sin(theta1);
    double y1 = cy + length * Math.cos(theta1);
    double x2 = x1 + length * Math.sin(theta1 + theta2);
    double y2 = y1 + length * Math.cos(theta1 + theta2);
    g.setColor(INK);
    g.draw(new Line2D.Double(cx - length * 2.2, cy - length, cx + length * 2.2, cy - length));
    g.setColor(LINK);
    g.setStroke(new BasicStroke(8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(cx, cy, x1, y1));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  /** The hill y = sin(3x) over [−1.2, 0.6], the flag at 0.5 and the car at position x. */
  private static void mountainCar(Graphics2D g, double position) {
    double scale = WIDTH / 1.8;
    Path2D.Double hill = new Path2D.Double();
    for (int i = 0; i <= 100; i++) {
      double x = -1.2 + 1.8 * i / 100;
      double px = (x + 1.2) * scale;
      double py = HEIGHT - (Math.sin(3 * x) * 0.45 + 0.55) * scale * 0.9 - 10;
      if (i == 0) {
        hill.moveTo(px, py);
      } else {
        hill.lineTo(px, py);
      }
    }
    g.setColor(INK);
    g.setStroke(new BasicStroke(2));
    g.draw(hill);
    double flagX = (0.5 + 1.2) * scale;
    double flagY = HEIGHT - (Math.sin(1.5) * 0.45 + 0.55) * scale * 0.9 - 10;
    g.draw(new Line2D.Double(flagX, flagY, flagX, flagY - 25));
    g.setColor(new Color(204, 204, 0));
    g.fill(new Rectangle2D.Double(flagX, flagY - 25, 14, 8));
    double carX = (position + 1.2) * scale;
    double carY = HEIGHT - (Math.sin(3 * position) * 0.45 + 0.55) * scale * 0.9 - 10;
    g.setColor(INK);
    g.fill(new Ellipse2D.Double(carX - 8, carY - 14, 16, 12));
  }
}
