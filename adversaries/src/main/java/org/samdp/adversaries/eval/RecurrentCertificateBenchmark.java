package org.samdp.adversaries.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;

/**
 * The cost of a recurrent policy's per-step certificates against the window: an ATLA-sized Gaussian LSTM policy
 * (Hopper's 11 observations and 3 actions, embedding 64, LSTM 64, freshly initialised) certified by IBP and CROWN
 * along random observation sequences, each window timed once its episodes are longer than it (so every step bounds a
 * full window and carries the state box one step).
 */
public final class RecurrentCertificateBenchmark {
  private static final int OBSERVATIONS = 11;
  private static final int ACTIONS = 3;
  private static final int HIDDEN = 64;

  private RecurrentCertificateBenchmark() {}

  /**
   * Prints, per window, the time per step of {@code batch} episodes side by side and the mean KL bound of the timed
   * steps.
   *
   * @param windows the windows to time, each {@code >= 1}
   * @param timedSteps steps timed per window, after {@code window} steps that fill it
   */
  public static void run(PrintStream out, int[] windows, int batch, int timedSteps, double eps, int threads) {
    Engine.getInstance().setRandomSeed(1);
    int previous = JniUtils.getNumThreads();
    JniUtils.setNumThreads(threads);
    try {
      measure(out, windows, batch, timedSteps, eps, threads);
    } finally {
      JniUtils.setNumThreads(previous);
    }
  }

  private static void measure(PrintStream out, int[] windows, int batch, int timedSteps, double eps, int threads) {
    out.printf(Locale.ROOT, "LSTM %d Gaussian policy (%d observations, embedding 64, %d actions), %d episodes side by"
        + " side, eps %s, IBP+CROWN, %d threads%n", HIDDEN, OBSERVATIONS, ACTIONS, batch, eps, threads);
    out.printf(Locale.ROOT, "%-8s %14s %16s %14s%n", "window", "ms per step", "ms per episode", "mean KL bound");
    try (NDManager manager = NDManager.newBaseManager()) {
      RecurrentPolicy policy = RecurrentPolicy.create(PolicyKind.GAUSSIAN, OBSERVATIONS, ACTIONS, "lstm", 64, HIDDEN,
          -0.5, ObservationNormalizer.identity(OBSERVATIONS), manager, 1);
      ThreatModel threat = ThreatModel.unbounded(eps, OBSERVATIONS);
      long[] episodes = new long[batch];
      Arrays.setAll(episodes, i -> i);
      for (int window : windows) {
        EpisodeCertifier certifier = new Certifier(policy, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0, window)
            .alongEpisodes();
        long timed = 0;
        double kl = 0;
        for (int t = 0; t < window + timedSteps; t++) {
          try (NDManager step = manager.newSubManager()) {
            NDArray states = step.randomNormal(new Shape(batch, OBSERVATIONS));
            long start = System.nanoTime();
            Certificates certificates = certifier.certify(states, episodes, threat);
            if (t >= window) {
              timed += System.nanoTime() - start;
              kl += Arrays.stream(certificates.klBound()).average().orElseThrow() / timedSteps;
            }
          }
        }
        double perStep = timed / 1e6 / timedSteps;
        out.printf(Locale.ROOT, "%-8d %14.1f %16.1f %14.4g%n", window, perStep, perStep / batch, kl);
      }
    }
  }
}
