package org.samdp.bounds.fuzz;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.network.Network;

/**
 * Soundness fuzzing: case {@code k} draws a network ({@link RandomNetworks}), a data type (float32 or float64) and an
 * input set ({@link RandomInputSet}) from seed k, bounds the outputs with every method and checks that the bounds are
 * finite, ordered and contain the outputs (of the same rounded weights, in float64) at the centres, at points on the
 * set's boundary and inside it, and at the points a few projected gradient steps per output and direction reach. A
 * tolerance allows for the rounding of the bounds' data type: relative 1e-5 (float32) or 1e-11 (float64), or twice the
 * network's own rounding error at the points if larger.
 */
public final class SoundnessFuzz {
  private static final int SAMPLES = 24;
  private static final int ATTACK_STEPS = 4;
  /** POPQORN is CROWN on networks without recurrent cells, so the feed-forward cases leave it out. */
  private static final List<BoundMethod> METHODS = Arrays.stream(BoundMethod.values())
      .filter(m -> m != BoundMethod.POPQORN).toList();

  /** One case's outcome: how many method checks ran and the violations found, each naming the case's seed. */
  public record CaseResult(long seed, String description, int checks, List<String> violations) {}

  private SoundnessFuzz() {}

  /** Runs case {@code seed} with every bound method. */
  public static CaseResult runCase(long seed) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Random random = new Random(seed);
      RandomNetworks.Drawn drawn = RandomNetworks.draw(random, manager);
      DataType type = random.nextBoolean() ? DataType.FLOAT32 : DataType.FLOAT64;
      Network network = drawn.network().mapParameters(p -> p.toType(type, false));
      Network exact = network.mapParameters(p -> p.toType(DataType.FLOAT64, false));
      RandomInputSet set = RandomInputSet.draw(random, network.inputShape(), type, manager);
      String description = "case " + seed + ": " + type + " " + drawn.description() + "; " + set.description + ", "
          + set.batch() + " centre(s)";
      List<List<double[]>> points = points(set, exact, random, manager);
      double[][][] truth = new double[set.batch()][][];
      double[][][] rounded = new double[set.batch()][][];
      for (int b = 0; b < set.batch(); b++) {
        truth[b] = outputs(exact, points.get(b), manager);
        rounded[b] = outputs(network, points.get(b), manager);
      }
      BoundedNetwork bounded = new BoundedNetwork(network);
      List<String> violations = new ArrayList<>();
      for (BoundMethod method : METHODS) {
        String where = description + ": " + method.label() + ": ";
        try {
          check(bounded.compute(set.set, method), truth, rounded, type, where, violations);
        } catch (RuntimeException e) {
          violations.add(where + e);
        }
      }
      return new CaseResult(seed, description, METHODS.size(), violations);
    }
  }

  /**
   * Per centre: the centre, random boundary and interior points, then for every output and direction the points of a
   * projected gradient ascent from the centre on the exact network.
   */
  private static List<List<double[]>> points(RandomInputSet set, Network exact, Random random, NDManager manager) {
    int in = Math.toIntExact(exact.inputShape().size());
    int outputs = Math.toIntExact(exact.outputShape().size());
    List<List<double[]>> points = new ArrayList<>();
    List<double[]> walkers = new ArrayList<>();
    for (int b = 0; b < set.batch(); b++) {
      List<double[]> own = new ArrayList<>();
      own.add(set.point(b, new double[in]));
      for (int s = 0; s < SAMPLES; s++) {
        own.add(set.point(b, set.randomDelta(s, in, random)));
      }
      points.add(own);
      for (int w = 0; w < 2 * outputs; w++) {
        walkers.add(new double[in]);
      }
    }
    for (int step = 0; step < ATTACK_STEPS; step++) {
      double[][] x = new double[walkers.size()][];
      double[][] direction = new double[walkers.size()][outputs];
      for (int w = 0; w < walkers.size(); w++) {
        int b = w / (2 * outputs);
        x[w] = set.point(b, walkers.get(w));
        direction[w][(w % (2 * outputs)) / 2] = w % 2 == 0 ? 1 : -1;
      }
      double[][] gradients = gradients(exact, x, direction, manager);
      for (int w = 0; w < walkers.size(); w++) {
        int b = w / (2 * outputs);
        set.ascend(b, walkers.get(w), gradients[w]);
        points.get(b).add(set.point(b, walkers.get(w)));
      }
    }
    return points;
  }

  /** Per point, the gradient of {@code direction · f(x)} with respect to x. */
  private static double[][] gradients(Network exact, double[][] x, double[][] direction, NDManager manager) {
    NDArray input = manager.create(x).reshape(new Shape(x.length).addAll(exact.inputShape()));
    input.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y = exact.forward(input);
      collector.backward(y.mul(manager.create(direction)).sum());
    }
    return Bounds.matrix(input.getGradient().reshape(x.length, -1));
  }

  private static double[][] outputs(Network network, List<double[]> points, NDManager manager) {
    DataType type = network.parameters().get(0).getDataType();
    NDArray x = manager.create(points.toArray(new double[0][])).toType(type, false)
        .reshape(new Shape(points.size()).addAll(network.inputShape()));
    return Bounds.matrix(network.forward(x).toType(DataType.FLOAT64, false));
  }

  private static void check(Bounds bounds, double[][][] truth, double[][][] rounded, DataType type, String where,
      List<String> violations) {
    double[][] lower = bounds.lowerMatrix();
    double[][] upper = bounds.upperMatrix();
    double relative = type == DataType.FLOAT32 ? 1e-5 : 1e-11;
    for (int b = 0; b < lower.length; b++) {
      for (int j = 0; j < lower[b].length; j++) {
        double l = lower[b][j];
        double u = upper[b][j];
        double tolerance = relative * (1 + Math.abs(truth[b][0][j]));
        for (int s = 0; s < truth[b].length; s++) {
          tolerance = Math.max(tolerance, 2 * Math.abs(rounded[b][s][j] - truth[b][s][j]));
        }
        String at = where + "centre " + b + " output " + j + " bounds [" + l + ", " + u + "]";
        if (!Double.isFinite(l) || !Double.isFinite(u)) {
          violations.add(at + " not finite");
          return;
        }
        if (l > u + tolerance) {
          violations.add(at + " inverted");
          return;
        }
        for (int s = 0; s < truth[b].length; s++) {
          double y = truth[b][s][j];
          if (y < l - tolerance || y > u + tolerance) {
            violations.add(at + " miss the output " + y + " at " + (s == 0 ? "the centre"
                : s <= SAMPLES ? "sampled point " + s : "attack point " + (s - SAMPLES)));
            return;
          }
        }
      }
    }
  }
}
