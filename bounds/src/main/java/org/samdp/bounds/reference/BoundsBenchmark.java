package org.samdp.bounds.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * README and an LSTM (median after warm-up) and prints each time in ms with its ratio to a plain forward+backward of the
 * same network. A benchmark, not a test. The baseline runs alternate with the timed ones and the ratio is the median of
 * the per-pair ratios: the speed of these shared VMs drifts by several times within a minute, which a baseline measured
 * once per workload would put into the ratio. Row labels are auto_LiRPA's method names, so that a side-by-side
 * comparison joins the two tools' rows by workload and label.
 */
public final class BoundsBenchmark {
  private static final int WARM_UPS = 3;

  /** One timed operation. */
  @FunctionalInterface
  private interface Work {
    void run();
  }

  /** The workloads, by the letter that names them in the table. */
  public static final List<String> WORKLOADS = List.of("a", "b", "c", "d");

  /**
   * One row of the table.
   *
   * @param workload the workload's letter
   * @param method what was timed, e.g. {@code CROWN-IBP (margins)}
   * @param ms median time in ms
   * @param ratio median ratio to the plain forward+backward run just before (1 for the baseline's own row)
   */
  public record Row(String workload, String method, double ms, double ratio) {}

  private final PrintWriter out;
  private final int repeats;
  private final List<Row> rows = new ArrayList<>();

  private BoundsBenchmark(PrintWriter out, int repeats) {
    this.out = out;
    this.repeats = repeats;
  }

  /**
   * Runs all workloads with PyTorch using {@code threads} intra-op threads (restored afterwards).
   *
   * @param out where the table goes
   * @param repeats timed runs per measurement (after {@value #WARM_UPS} warm-ups)
   * @param threads PyTorch intra-op threads
   * @param workloads the letters of the workloads to run, a subset of {@link #WORKLOADS}
   * @return the rows printed, in order
   */
  public static List<Row> run(PrintWriter out, int repeats, int threads, Set<String> workloads) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (workloads.isEmpty() || !WORKLOADS.containsAll(workloads)) {
      throw new IllegalArgumentException("workloads must be some of " + WORKLOADS + ", got " + workloads);
    }
    Engine.getInstance(); // loads the native library the thread calls go to
    int previous = JniUtils.getNumThreads();
    JniUtils.setNumThreads(threads);
    try {
      BoundsBenchmark benchmark = new BoundsBenchmark(out, repeats);
      benchmark.all(threads, workloads);
      return List.copyOf(benchmark.rows);
    } finally {
      JniUtils.setNumThreads(previous);
    }
  }

  private void all(int threads, Set<String> workloads) {
    out.printf(Locale.ROOT, "bound engine benchmark: float32, CPU, %d PyTorch thread(s), median of %d runs after %d"
        + " warm-ups; ratio = median of time / plain forward+backward of the same network run just before%n", threads,
        repeats, WARM_UPS);
    // MKL's reproducible code paths differ in speed (COMPATIBLE's up to 4x slower than AVX2's): say which ran.
    out.printf("MKL_CBWR=%s ONEDNN_MAX_CPU_ISA=%s%n", System.getenv("MKL_CBWR"), System.getenv("ONEDNN_MAX_CPU_ISA"));
    try (NDManager manager = NDManager.newBaseManager()) {
      if (workloads.contains("a")) {
        Network tanhMlp = Network.builder(new Shape(17)).linear(64).tanh().linear(64).tanh().linear(6)
            .build(manager, DataType.FLOAT32, 1);
        Workload a = new Workload("a", "MLP 17-64-64-6 tanh, batch 2048, l_inf eps 0.05", tanhMlp, 2048, 0.05,
            manager);
        a.forward();
        a.bound(BoundMethod.IBP);
        a.ibpFloor();
        a.bound(BoundMethod.CROWN);
        a.bound(BoundMethod.CROWN_IBP);
        a.trainingStep(BoundSide.BOTH);
      }
      if (workloads.contains("b")) {
        Network reluMlp = Network.builder(new Shape(11)).linear(400).relu().linear(300).relu().linear(3)
            .build(manager, DataType.FLOAT32, 2);
        Workload b = new Workload("b", "MLP 11-400-300-3 relu, batch 256, l_inf eps 0.05", reluMlp, 256, 0.05,
            manager);
        b.bound(BoundMethod.IBP);
        b.ibpFloor();
        b.bound(BoundMethod.CROWN);
        b.bound(BoundMethod.CROWN_IBP);
      }
      if (workloads.contains("c")) {
        Network atari = Network.builder(new Shape(1, 84, 84)).conv2d(32, 8, 4, 0).relu().conv2d(64, 4, 2, 0).relu()
            .conv2d(64, 3, 1, 0).relu().flatten().linear(512).relu().linear(6).build(manager, DataType.FLOAT32, 3);
        Workload c = new Workload("c", "Atari CNN 1x84x84 (32c8s4, 64c4s2, 64c3s1, fc512, 6), batch 32, l_inf eps"
            + " 1/255", atari, 32, 1.0 / 255, manager);
        c.bound(BoundMethod.IBP);
        c.ibpFloor();
        c.bound(BoundMethod.CROWN_IBP);
        out.println("    with 5 margins (spec), lower bound only:");
        c.margins(BoundMethod.IBP);
        c.margins(BoundMethod.CROWN_IBP);
        c.trainingStep(BoundSide.LOWER);
      }
      if (workloads.contains("d")) {
        Network lstm = Network.builder(new Shape(20, 17)).lstm(64).linear(6).build(manager, DataType.FLOAT32, 4);
        Workload d = new Workload("d", "LSTM 17-64 over 20 steps, linear 6, batch 64, l_inf eps 0.05 on every step",
            lstm, 64, 0.05, manager);
        d.bound(BoundMethod.IBP);
        d.bound(BoundMethod.CROWN_IBP);
        d.trainingStep(BoundSide.BOTH);
      }
    }
  }

  /** One network with its inputs and the baseline time. */
  private final class Workload {
    private final String name;
    private final Network network;
    private final BoundedNetwork bounded;
    private final NDArray input;
    private final LpBall ball;
    private final NDArray margins;
    private final Work baseline;

    Workload(String name, String title, Network network, int batch, double eps, NDManager manager) {
      this.name = name;
      this.network = network;
      this.bounded = new BoundedNetwork(network);
      this.input = manager.randomUniform(0, 1, new Shape(batch).addAll(network.inputShape()), DataType.FLOAT32);
      this.ball = LpBall.of(input, Norm.INF, eps);
      this.margins = marginSpec(manager, batch, network.outputShape().size());
      network.parameters().forEach(p -> p.setRequiresGradient(true));
      out.println("(" + name + ") " + title);
      this.baseline = () -> {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(network.forward(input).sum());
        }
      };
      double ms = time(baseline, baseline)[0];
      rows.add(new Row(name, "plain forward+backward", ms, 1));
      out.printf(Locale.ROOT, "  %-42s %9.2f ms%n", "plain forward+backward", ms);
    }

    /** The network's forward pass alone, outside a gradient collector (no graph recorded). */
    void forward() {
      report("plain forward", () -> network.forward(input));
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
      });
    }

    void bound(BoundMethod method) {
      report(method.label(), () -> bounded.compute(ball, method));
    }

    void margins(BoundMethod method) {
      report(method.label() + " (margins)", () -> bounded.compute(ball, method, margins, BoundSide.LOWER));
    }

    /** A CROWN-IBP training step: bound, a loss on the bound, and the backward pass to the weights. */
    void trainingStep(BoundSide side) {
      String label = side == BoundSide.BOTH ? "CROWN-IBP + backward" : "CROWN-IBP hinge + backward (margins)";
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
      });
    }

    private void report(String label, Work work) {
      double[] msAndRatio = time(work, baseline);
      rows.add(new Row(name, label, msAndRatio[0], msAndRatio[1]));
      out.printf(Locale.ROOT, "  %-42s %9.2f ms %8.2fx%n", label, msAndRatio[0], msAndRatio[1]);
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
