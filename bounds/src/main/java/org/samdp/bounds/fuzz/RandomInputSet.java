package org.samdp.bounds.fuzz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.samdp.bounds.perturbation.InputBox;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * A random input set and its geometry, written independently of the engine so that points can be drawn from it: every
 * point is {@code clip(c + m ⊙ δ, low, high)} with {@code ||δ||_p ≤ ε}. ℓ∞, ℓ2 and ℓ1 balls come plain, masked (0/1
 * or scaling masks), clipped to a domain around the centre, or both; a box {@code [l, u]} is the ℓ∞ ball of radius 1
 * around its midpoint with m its half-widths, clipped to itself. Radii are 0, 1e-9 or log-uniform up to 3.
 */
final class RandomInputSet {
  private static final double SHRINK = 1 - 1e-6;

  final Perturbation set;
  final String description;
  final DataType type;
  final double[][] centres;
  final Norm norm;
  final double eps;
  final double[][] mask;
  final double[][] low;
  final double[][] high;

  private RandomInputSet(Perturbation set, String description, DataType type, double[][] centres, Norm norm,
      double eps, double[][] mask, double[][] low, double[][] high) {
    this.set = set;
    this.description = description;
    this.type = type;
    this.centres = centres;
    this.norm = norm;
    this.eps = eps;
    this.mask = mask;
    this.low = low;
    this.high = high;
  }

  static RandomInputSet draw(Random random, Shape inputShape, DataType type, NDManager manager) {
    int batch = 1 + random.nextInt(3);
    int in = Math.toIntExact(inputShape.size());
    double[][] centres = new double[batch][in];
    for (double[] c : centres) {
      for (int i = 0; i < in; i++) {
        c[i] = round(type, 2 * random.nextDouble() - 1);
      }
    }
    double eps = switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 1e-9;
      default -> Math.exp(Math.log(1e-9) + random.nextDouble() * (Math.log(3) - Math.log(1e-9)));
    };
    Shape batched = new Shape(batch).addAll(inputShape);
    NDArray centre = array(centres, batched, type, manager);
    if (random.nextInt(5) == 0) {
      double[][] lower = new double[batch][in];
      double[][] upper = new double[batch][in];
      double[][] mid = new double[batch][in];
      double[][] halfWidth = new double[batch][in];
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < in; i++) {
          boolean flat = random.nextInt(4) == 0;
          lower[b][i] = round(type, centres[b][i] - (flat ? 0 : eps * random.nextDouble()));
          upper[b][i] = round(type, centres[b][i] + (flat ? 0 : eps * random.nextDouble()));
          mid[b][i] = (lower[b][i] + upper[b][i]) / 2;
          halfWidth[b][i] = (upper[b][i] - lower[b][i]) / 2;
        }
      }
      InputBox box = new InputBox(array(lower, batched, type, manager), array(upper, batched, type, manager));
      return new RandomInputSet(box, String.format(Locale.ROOT, "box of widths up to %.3g", eps), type, mid, Norm.INF,
          1, halfWidth, lower, upper);
    }
    Norm norm = Norm.values()[random.nextInt(3)];
    LpBall ball = LpBall.of(centre, norm, eps);
    List<String> words = new ArrayList<>(List.of(String.format(Locale.ROOT, "%s ball eps %.3g", norm, eps)));
    double[][] mask = null;
    if (random.nextInt(3) == 0) {
      boolean scaling = random.nextBoolean();
      mask = new double[batch][in];
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < in; i++) {
          mask[b][i] = round(type, scaling ? 2 * random.nextDouble() : random.nextInt(5) < 3 ? 1 : 0);
        }
      }
      ball = ball.masked(array(mask, batched, type, manager));
      words.add(scaling ? "scaling mask" : "0/1 mask");
    }
    double[][] lowDomain = null;
    double[][] highDomain = null;
    if (random.nextInt(3) == 0) {
      lowDomain = new double[batch][in];
      highDomain = new double[batch][in];
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < in; i++) {
          // Some centres sit on the domain's edge, as pixels at 0 or 1 do.
          lowDomain[b][i] = round(type, centres[b][i] - (random.nextInt(4) == 0 ? 0 : 0.5 * random.nextDouble()));
          highDomain[b][i] = round(type, centres[b][i] + (random.nextInt(4) == 0 ? 0 : 0.5 * random.nextDouble()));
        }
      }
      ball = ball.clippedTo(array(lowDomain, batched, type, manager), array(highDomain, batched, type, manager));
      words.add("clipped");
    }
    return new RandomInputSet(ball, String.join(" ", words), type, centres, norm, eps, mask, lowDomain, highDomain);
  }

  int batch() {
    return centres.length;
  }

  /** The point of centre {@code b} at offset {@code delta} (a member of the set when {@code ||delta|| <= eps}). */
  double[] point(int b, double[] delta) {
    double[] x = new double[delta.length];
    for (int i = 0; i < x.length; i++) {
      double value = centres[b][i] + (mask == null ? 1 : mask[b][i]) * delta[i] * SHRINK;
      if (low != null) {
        value = Math.min(Math.max(value, low[b][i]), high[b][i]);
      }
      x[i] = round(type, value);
    }
    return x;
  }

  /** Even draws on the boundary (vertices for ℓ∞ and ℓ1), odd ones uniform inside. */
  double[] randomDelta(int draw, int in, Random random) {
    double[] delta = new double[in];
    boolean boundary = draw % 2 == 0;
    switch (norm) {
      case INF -> {
        for (int i = 0; i < in; i++) {
          delta[i] = boundary ? (random.nextBoolean() ? eps : -eps) : eps * (2 * random.nextDouble() - 1);
        }
      }
      case L2 -> {
        for (int i = 0; i < in; i++) {
          delta[i] = random.nextGaussian();
        }
        scaleTo(delta, eps * (boundary ? 1 : Math.pow(random.nextDouble(), 1.0 / in)));
      }
      case L1 -> {
        if (boundary) {
          delta[random.nextInt(in)] = random.nextBoolean() ? eps : -eps;
        } else {
          // Uniform in the ℓ1 ball: exponential spacings with one spare coordinate, random signs.
          double[] e = new double[in + 1];
          double total = 0;
          for (int i = 0; i <= in; i++) {
            e[i] = -Math.log(1 - random.nextDouble());
            total += e[i];
          }
          for (int i = 0; i < in; i++) {
            delta[i] = eps * e[i] / total * (random.nextBoolean() ? 1 : -1);
          }
        }
      }
    }
    return delta;
  }

  /**
   * One ascent step on {@code delta} along {@code gradient} (the output's gradient with respect to the point), kept in
   * the ball: sign steps for ℓ∞, normalised steps for ℓ2, Frank-Wolfe steps towards the best vertex for ℓ1.
   */
  void ascend(int b, double[] delta, double[] gradient) {
    int in = delta.length;
    double[] g = new double[in];
    for (int i = 0; i < in; i++) {
      g[i] = (mask == null ? 1 : mask[b][i]) * gradient[i];
    }
    switch (norm) {
      case INF -> {
        for (int i = 0; i < in; i++) {
          delta[i] = Math.max(-eps, Math.min(eps, delta[i] + eps / 2 * Math.signum(g[i])));
        }
      }
      case L2 -> {
        double length = Math.sqrt(dot(g, g));
        for (int i = 0; i < in && length > 0; i++) {
          delta[i] += eps / 2 * g[i] / length;
        }
        double norm2 = Math.sqrt(dot(delta, delta));
        if (norm2 > eps) {
          scaleTo(delta, eps);
        }
      }
      case L1 -> {
        int best = 0;
        for (int i = 1; i < in; i++) {
          best = Math.abs(g[i]) > Math.abs(g[best]) ? i : best;
        }
        for (int i = 0; i < in; i++) {
          delta[i] *= 0.5;
        }
        delta[best] += 0.5 * eps * Math.signum(g[best]);
      }
    }
  }

  private static void scaleTo(double[] v, double length) {
    double current = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] = current == 0 ? 0 : v[i] * length / current;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static double round(DataType type, double value) {
    return type == DataType.FLOAT32 ? (float) value : value;
  }

  private static NDArray array(double[][] values, Shape shape, DataType type, NDManager manager) {
    return manager.create(values).toType(type, false).reshape(shape);
  }
}
