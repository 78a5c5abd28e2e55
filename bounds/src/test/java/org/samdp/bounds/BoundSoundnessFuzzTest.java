package org.samdp.bounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.ops.OperatorRegistry;
import org.samdp.bounds.perturbation.InputBox;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * Soundness on degenerate and ordinary input sets: random ReLU, tanh and sigmoid MLPs (and CNNs on request) in float32
 * and float64, ℓ∞, ℓ2 and ℓ1 balls of radii from 0 to 0.6 and zero-width boxes, every method. The bounds must be
 * finite, ordered and hold the float64 outputs at the centre and at points sampled inside the set (and on its
 * boundary), up to a rounding tolerance of the bounds' data type. Every failure is collected and reported with its
 * case.
 */
class BoundSoundnessFuzzTest {
  private static final double[] RADII = {0, 1e-8, 1e-3, 0.1, 0.6};
  private static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid"};
  private static final int CENTRES = 3;
  private static final int SAMPLES = 24;
  /** More networks with {@code -Dfuzz.seeds=N}, other ones with {@code -Dfuzz.first=K}. */
  private static final int SEEDS = Integer.getInteger("fuzz.seeds", 3);
  private static final int FIRST_SEED = Integer.getInteger("fuzz.first", 6);
  /** Every other network a small ReLU/tanh CNN with {@code -Dfuzz.cnn=true}. */
  private static final boolean CNN = Boolean.getBoolean("fuzz.cnn");
  private static final AlphaCrownOptions ALPHA = AlphaCrownOptions.DEFAULT;

  @Test
  void boundsAreFiniteOrderedAndHoldSampledOutputs() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
        String activation = ACTIVATIONS[seed % 3];
        boolean cnn = CNN && seed % 2 == 0;
        Network original = cnn
            ? RandomCases.network(4, 900 + seed, manager)
            : RandomCases.mlp(new Shape(3 + seed % 3), 900 + seed, manager, 8 + 5 * seed, 3, activation, 1 + seed % 4);
        if (cnn) {
          activation = "relu/tanh CNN";
        }
        Shape inputShape = original.inputShape();
        int in = Math.toIntExact(inputShape.size());
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
          Network network = original.mapParameters(p -> p.toType(type, false));
          // The truth: the same (rounded) weights evaluated in float64.
          Network exact = network.mapParameters(p -> p.toType(DataType.FLOAT64, false));
          BoundedNetwork bounded = new BoundedNetwork(network,
OperatorRegistry.standard(), ALPHA);
          Random random = new Random(seed * 31L + type.ordinal());
          double[][] centres = new double[CENTRES][in];
          for (double[] c : centres) {
            for (int i = 0; i < in; i++) {
              c[i] = roundTo(type, 2 * random.nextDouble() - 1);
            }
          }
          NDArray centre = manager.create(centres).toType(type, false).reshape(new Shape(CENTRES).addAll(inputShape));
          List<Perturbation> sets = new ArrayList<>();
          List<String> names = new ArrayList<>();
          List<double[][][]> points = new ArrayList<>();
          for (Norm norm : Norm.values()) {
            for (double eps : RADII) {
              sets.add(LpBall.of(centre, norm, eps));
              names.add(norm + " eps " + eps);
              points.add(sample(centres, norm, eps, type, random));
            }
          }
          sets.add(new InputBox(centre, centre.duplicate()));
          names.add("zero-width box");
          points.add(sample(centres, Norm.INF, 0, type, random));
          for (int s = 0; s < sets.size(); s++) {
            double[][] outputs = outputs(exact, points.get(s), manager);
            double[][] rounded = outputs(network, points.get(s), manager);
            for (BoundMethod method : BoundMethod.values()) {
              cases++;
              String where = activation + (cnn ? "" : " MLP") + " seed " + (900 + seed) + " " + type + " "
                  + names.get(s) + " "
                  + method + ": ";
              try {
                Bounds bounds = bounded.compute(sets.get(s), method);
                check(bounds, outputs, rounded, type, where, failures);
              } catch (RuntimeException e) {
                failures.add(where + e);
              }
            }
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases unsound, e.g.\n"
        + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
  }

  /**
   * A specification row of zeros (or a layer that cancels) makes a zero dual-norm argument; its bound is the constant
   * 0 and α-CROWN must stay finite there, for every norm.
   */
  @Test
  void alphaCrownIsFiniteOnAZeroSpecificationRow() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String activation : ACTIVATIONS) {
        Network network = RandomCases.mlp(new Shape(4), 77, manager, 10, 2, activation, 2);
        BoundedNetwork bounded = new BoundedNetwork(network);
        NDArray centre = RandomCases.centres(network, 2, 77, manager);
        NDArray spec = manager.create(new double[] {1, -1, 0, 0}, new Shape(1, 2, 2)).repeat(0, 2);
        for (Norm norm : Norm.values()) {
          Bounds bounds = bounded.compute(LpBall.of(centre, norm, 0.62), BoundMethod.ALPHA_CROWN, spec, BoundSide.BOTH);
          double[][] lower = bounds.lowerMatrix();
          double[][] upper = bounds.upperMatrix();
          for (int b = 0; b < 2; b++) {
            String where = activation + " " + norm + " centre " + b;
            assertTrue(Double.isFinite(lower[b][0]) && Double.isFinite(upper[b][0]), where + " not finite");
            assertTrue(lower[b][1] == 0 && upper[b][1] == 0, where + " zero row bounded by [" + lower[b][1] + ", "
                + upper[b][1] + "]");
          }
        }
      }
    }
  }

  /** Per centre, the set's points: the centre, vertices or boundary points, and random interior points. */
  private static double[][][] sample(double[][] centres, Norm norm, double eps, DataType type, Random random) {
    double[][][] points = new double[centres.length][SAMPLES][];
    for (int b = 0; b < centres.length; b++) {
      int in = centres[b].length;
      for (int s = 0; s < SAMPLES; s++) {
        double[] delta = new double[in];
        switch (norm) {
          case INF -> {
            for (int i = 0; i < in; i++) {
              delta[i] = s % 2 == 0 ? (random.nextBoolean() ? eps : -eps) : eps * (2 * random.nextDouble() - 1);
            }
          }
          case L2 -> {
            double length = 0;
            for (int i = 0; i < in; i++) {
              delta[i] = random.nextGaussian();
              length += delta[i] * delta[i];
            }
            double radius = eps * (s % 2 == 0 ? 1 : Math.pow(random.nextDouble(), 1.0 / in));
            for (int i = 0; i < in; i++) {
              delta[i] *= radius / Math.sqrt(length);
            }
          }
          case L1 -> {
            if (s % 2 == 0) {
              delta[random.nextInt(in)] = random.nextBoolean() ? eps : -eps;
            } else {
              // Uniform in the ℓ1 ball: exponential spacings (one spare coordinate for the interior), random signs.
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
        double[] x = new double[in];
        for (int i = 0; i < in; i++) {
          // Shrunk a little so that rounding to the bounds' type cannot leave the set.
          x[i] = s == 0 ? centres[b][i] : roundTo(type, centres[b][i] + delta[i] * (1 - 1e-6));
        }
        points[b][s] = x;
      }
    }
    return points;
  }

  private static double[][] outputs(Network network, double[][][] points, NDManager manager) {
    int perCentre = points[0].length;
    double[][] flat = new double[points.length * perCentre][];
    for (int b = 0; b < points.length; b++) {
      for (int s = 0; s < perCentre; s++) {
        flat[b * perCentre + s] = points[b][s];
      }
    }
    NDArray x = manager.create(flat).toType(network.parameters().get(0).getDataType(), false)
        .reshape(new Shape(flat.length).addAll(network.inputShape()));
    return Bounds.matrix(network.forward(x).toType(DataType.FLOAT64, false));
  }

  /**
   * @param rounded the outputs computed in the bounds' data type: the bounds need not be closer to the float64 truth
   *     than the network's own forward pass in that type
   */
  private static void check(Bounds bounds, double[][] outputs, double[][] rounded, DataType type, String where,
      List<String> failures) {
    double[][] lower = bounds.lowerMatrix();
    double[][] upper = bounds.upperMatrix();
    double relative = type == DataType.FLOAT32 ? 1e-5 : 1e-11;
    int perCentre = outputs.length / lower.length;
    for (int b = 0; b < lower.length; b++) {
      for (int j = 0; j < lower[b].length; j++) {
        double l = lower[b][j];
        double u = upper[b][j];
        double y0 = outputs[b * perCentre][j];
        double tolerance = relative * (1 + Math.abs(y0));
        for (int s = 0; s < perCentre; s++) {
          tolerance = Math.max(tolerance, 2 * Math.abs(rounded[b * perCentre + s][j] - outputs[b * perCentre + s][j]));
        }
        String at = where + "centre " + b + " output " + j + " bounds [" + l + ", " + u + "]";
        if (!Double.isFinite(l) || !Double.isFinite(u)) {
          failures.add(at + " not finite");
          return;
        }
        if (l > u + tolerance) {
          failures.add(at + " inverted");
          return;
        }
        for (int s = 0; s < perCentre; s++) {
          double y = outputs[b * perCentre + s][j];
          if (y < l - tolerance || y > u + tolerance) {
            failures.add(at + " miss output " + y + (s == 0 ? " at the centre" : " at sample " + s));
            return;
          }
        }
      }
    }
  }

  private static double roundTo(DataType type, double value) {
    return type == DataType.FLOAT32 ? (float) value : value;
  }
}
