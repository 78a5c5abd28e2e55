package org.samdp.agents.ddpg;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainingCallback;

/**
 * What DDPG costs (a benchmark, not a test): env steps per second with one update per step, for DDPG and for SA-DDPG
 * with each solver, run alternately in one process so that all see the same machine load; the best round of each.
 * The SA runs are timed during the ε/β ramp, where the convex solver computes both CROWN-IBP and IBP (its most
 * expensive phase); only the steps after the random warm-up, which makes no updates, are timed.
 */
public final class DdpgBenchmark {
  private static final long WARMUP = 1_000;

  private DdpgBenchmark() {}

  /**
   * Runs the benchmark and prints its table.
   *
   * @param thousands timed steps per round, in thousands
   * @param rounds alternating rounds
   */
  public static void run(PrintStream out, String env, int thousands, int rounds) {
    List<String> base = List.of("totalSteps=" + (WARMUP + 1_000L * thousands), "ddpg.warmupSteps=" + WARMUP,
        "run.stepsPerIteration=1000", "run.evalEvery=1000000", "run.evalDuringTraining=0", "run.evalEpisodes=0");
    List<String> ramp = List.of("robust.startStep=0", "robust.rampSteps=1000000000");
    String[] names = {"DDPG", "SA-DDPG convex", "SA-DDPG SGLD"};
    List<DdpgConfig> configs = List.of(
        Algorithms.DDPG.config(env, null, base),
        Algorithms.SA_DDPG.config(env, null, concat(base, ramp, "robust.solver=CONVEX")),
        Algorithms.SA_DDPG.config(env, null, concat(base, ramp, "robust.solver=SGLD")));
    double[] best = new double[names.length];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1, rounds));
      for (int i = 0; i < names.length; i++) {
        best[i] = Math.max(best[i], stepsPerSecond(configs.get(i), env));
        line.append(String.format(Locale.ROOT, " %s %.0f steps/s", names[i], best[i]));
      }
      out.println(line);
    }
    out.printf(Locale.ROOT, "%n| %s, %d k steps after a %d-step warm-up, best of %d rounds | steps/s | time per 1k"
        + " steps vs DDPG |%n| --- | --- | --- |%n", env, thousands, WARMUP, rounds);
    for (int i = 0; i < names.length; i++) {
      out.printf(Locale.ROOT, "| %s | %.1f | %.2f× |%n", names[i], best[i], best[0] / best[i]);
    }
  }

  private static double stepsPerSecond(DdpgConfig config, String env) {
    StepClock clock = new StepClock();
    try (DdpgTrainer trainer = new DdpgTrainer(config, EnvSource.registered(env), null, List.of(clock))) {
      trainer.train();
    }
    return clock.stepsPerSecond();
  }

  private static List<String> concat(List<String> a, List<String> b, String c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.add(c);
    return all;
  }

  /** Steps and time from the end of the warm-up's iteration to the end of training. */
  private static final class StepClock implements TrainingCallback {
    private long startSteps = -1;
    private long startNanos;
    private long endSteps;
    private long endNanos;

    @Override
    public void onUpdateEnd(Trainer trainer, IterationReport report) {
      long now = System.nanoTime();
      if (startSteps < 0 && report.globalStep() >= WARMUP) {
        startSteps = report.globalStep();
        startNanos = now;
      }
      endSteps = report.globalStep();
      endNanos = now;
    }

    double stepsPerSecond() {
      return (endSteps - startSteps) / ((endNanos - startNanos) / 1e9);
    }
  }
}
