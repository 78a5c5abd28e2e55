package org.samdp.bounds.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.network.Conv2d;
import org.samdp.bounds.network.ElementwiseLayer;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * {@code samdp bench bounds}: times the bound engine in float32 on the CPU on the three workloads of the reference
 * README (median after warm-up) and prints each time with its ratio to a plain forward+backward of the same network,
 * beside auto_LiRPA's ratio on the same workload. A benchmark, not a test. The baseline runs alternate with the timed
 * ones and the ratio is the median of the per-pair ratios: the speed of these shared VMs drifts by several times within
 * a minute, which a baseline measured once per workload would put into the ratio.
 */
public final class BoundsBenchmark {
  private static final int WARM_UPS = 3;

  /** One timed operation. */
  @FunctionalInterface
  private interface Work {
    void run();
  }

  private final PrintStream out;
  private final int repeats;

  private BoundsBenchmark(PrintStream out, int repeats) {
    this.out = out;
    this.repeats = repeats;
  }

  /**
   * Runs all workloads with PyTorch using {@code threads} intra-op threads (restored afterwards).
   *
   * @param out where the table goes
   * @param repeats timed runs per measurement (after {@value #WARM_UPS} warm-ups)
   * @param threads PyTorch intra-op threads; auto_LiRPA's anchor times were taken with 2
   */
  public static void run(PrintStream out, int repeats, int threads) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Engine.getInstance(); // loads the native library the thread calls go to
    int previous = JniUtils.getNumThreads();
    JniUtils.setNumThreads(threads);
    try {
      new BoundsBenchmark(out, repeats).all(threads);
    } finally {
      JniUtils.setNumThreads(previous);
    }
  }

  private void all(int threads) {
    out.printf(Locale.ROOT, "bound engine benchmark: float32, CPU, %d PyTorch thread(s), median of %d runs after %d"
        + " warm-ups; ratio = median of time / plain forward+backward of the same network run just before%n", threads, repeats,
        WARM_UPS);
    try (NDManager manager = NDManager.newBaseManager()) {
      Network tanhMlp = Network.builder(new Shape(17)).linear(64).tanh().linear(64).tanh().linear(6)
          .build(manager, DataType.FLOAT32, 1);
      Workload a = new Workload("(a) MLP 17-64-64-6 tanh, batch 2048, l_inf eps 0.05", tanhMlp, 2048, 0.05, manager);
      a.bound(BoundMethod.IBP, 24.0 / 4.05);
      a.ibpFloor();
      a.bound(BoundMethod.CROWN, 78);
      a.bound(BoundMethod.CROWN_IBP, 23);
      a.trainingStep(BoundSide.BOTH, 54);

      Network reluMlp = Network.builder(new Shape(11)).linear(400).relu().linear(300).relu().linear(3)
          .build(manager, DataType.FLOAT32, 2);
      Workload b = new Workload("(b) MLP 11-400-300-3 relu, batch 256, l_inf eps 0.05", reluMlp, 256, 0.05, manager);
      b.bound(BoundMethod.IBP, 0.9);
      b.ibpFloor();
      b.bound(BoundMethod.CROWN, 219);
      b.bound(BoundMethod.CROWN_IBP, 10);

      Network atari = Network.builder(new Shape(1, 84, 84)).conv2d(32, 8, 4, 0).relu().conv2d(64, 4, 2, 0).relu()
          .conv2d(64, 3, 1, 0).relu().flatten().linear(512).relu().linear(6).build(manager, DataType.FLOAT32, 3);
      Workload c = new Workload("(c) Atari CNN 1x84x84 (32c8s4, 64c4s2, 64c3s1, fc512, 6), batch 32, l_inf eps 1/255",
          atari, 32, 1.0 / 255, manager);
      c.bound(BoundMethod.IBP, 0.7);
      c.ibpFloor();
      c.bound(BoundMethod.CROWN_IBP, 11);
      out.println("    with 5 margins (spec), lower bound only:");
      c.margins(BoundMethod.IBP, 0.8);
      c.margins(BoundMethod.CROWN_IBP, 6);
      c.trainingStep(BoundSide.LOWER, 40);

      // No auto_LiRPA anchor: its bounded LSTM needs the cell unrolled by hand (section 7.2 of the spec).
      Network lstm = Network.builder(new Shape(20, 17)).lstm(64).linear(6).build(manager, DataType.FLOAT32, 4);
      Workload d = new Workload("(d) LSTM 17-64 over 20 steps, linear 6, batch 64, l_inf eps 0.05 on every step", lstm,
          64, 0.05, manager);
      d.bound(BoundMethod.IBP, Double.NaN);
      d.bound(BoundMethod.CROWN_IBP, Double.NaN);
      d.trainingStep(BoundSide.BOTH, Double.NaN);
    }
  }

  /** One network with its inputs and the baseline time. */
  private final class Workload {
    private final Network network;
    private final BoundedNetwork bounded;
    private final NDArray input;
    private final LpBall ball;
    private final NDArray margins;
    private final Work baseline;

    Workload(String title, Network network, int batch, double eps, NDManager manager) {
      this.network = network;
      this.bounded = new BoundedNetwork(network);
      this.input = manager.randomUniform(0, 1, new Shape(batch).addAll(network.inputShape()), DataType.FLOAT32);
      this.ball = LpBall.of(input, Norm.INF, eps);
      this.margins = marginSpec(manager, batch, network.outputShape().size());
      network.parameters().forEach(p -> p.setRequiresGradient(true));
      out.println(title);
      this.baseline = () -> {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(network.forward(input).sum());
        }
      };
      out.printf(Locale.ROOT, "  %-42s %9.2f ms%n", "plain forward+backward", time(baseline, baseline)[0]);
    }

    /**
     * What IBP cannot go below: per linear or convolutional layer, the product of the weights with the centres and of
     * their absolute values with the radii, and nothing else (a plain forward+backward does three such products).
     */
    void ibpFloor() {
      report("IBP floor: the two products per layer", () -> {
        NDArray x = input;
        for (Layer layer : network.layers()) {
          if (layer instanceof Linear linear) {
            x.matMul(linear.weight().abs().transpose());
          } else if (layer instanceof Conv2d conv) {
            ai.djl.nn.convolutional.Conv2d.conv2d(x, conv.weight().abs(), null, conv.stride(), conv.padding(),
                new Shape(1, 1), 1);
          }
          if (!(layer instanceof ElementwiseLayer)) {
            x = layer.forward(x);
          }
        }
      }, Double.NaN);
    }

    void bound(BoundMethod method, double autoLirpaRatio) {
      report(method.label(), () -> bounded.compute(ball, method), autoLirpaRatio);
    }

    void margins(BoundMethod method, double autoLirpaRatio) {
      report(method.label() + " (margins)", () -> bounded.compute(ball, method, margins, BoundSide.LOWER),
          autoLirpaRatio);
    }

    /** A CROWN-IBP training step: bound, a loss on the bound, and the backward pass to the weights. */
    void trainingStep(BoundSide side, double autoLirpaRatio) {
      String label = side == BoundSide.BOTH ? "CROWN-IBP + backward" : "CROWN-IBP hinge loss + backward (margins)";
      report(label, () -> {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          if (side == BoundSide.BOTH) {
            Bounds b = bounded.compute(ball, BoundMethod.CROWN_IBP);
            collector.backward(b.upper().sub(b.lower()).sum());
          } else {
            Bounds b = bounded.compute(ball, BoundMethod.CROWN_IBP, margins, BoundSide.LOWER);
            collector.backward(b.lower().neg().add(1).maximum(0).sum());
          }
        }
      }, autoLirpaRatio);
    }

    private void report(String label, Work work, double autoLirpaRatio) {
      double[] msAndRatio = time(work, baseline);
      out.printf(Locale.ROOT, "  %-42s %9.2f ms %8.2fx%s%n", label, msAndRatio[0], msAndRatio[1],
          Double.isNaN(autoLirpaRatio) ? "" : String.format(Locale.ROOT, "   (auto_LiRPA %.1fx)", autoLirpaRatio));
    }
  }

  /** Margins of output 0 over every other output: rows {@code e_0 - e_k}. */
  private static NDArray marginSpec(NDManager manager, int batch, long outputs) {
    float[] c = new float[Math.toIntExact((outputs - 1) * outputs)];
    for (int k = 1; k < outputs; k++) {
      c[Math.toIntExact((k - 1) * outputs)] = 1;
      c[Math.toIntExact((k - 1) * outputs + k)] = -1;
    }
    return manager.create(c, new Shape(1, outputs - 1, outputs)).repeat(0, batch);
  }

  /**
   * {@code work} and {@code baseline} run alternately, {@code repeats} times each after the warm-ups; every run frees
   * its arrays.
   *
   * @return the median time of {@code work} in ms and the median ratio of each run of it to the baseline run before it
   */
  private double[] time(Work work, Work baseline) {
    double[] ms = new double[repeats];
    double[] ratios = new double[repeats];
    for (int i = -WARM_UPS; i < repeats; i++) {
      double base = once(baseline);
      double t = once(work);
      if (i >= 0) {
        ms[i] = t;
        ratios[i] = t / base;
      }
    }
    return new double[] {median(ms), median(ratios)};
  }

  private static double once(Work work) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      long start = System.nanoTime();
      work.run();
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
