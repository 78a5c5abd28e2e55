package org.samdp.agents.ddpg;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.StepClock;

/**
 * What DDPG costs (a benchmark, not a test): env steps per second with one update per step, for DDPG and for SA-DDPG
 * in each phase of its schedule, run alternately in one process so that all see the same machine load; the best round
 * of each. The convex solver computes CROWN-IBP and IBP while β > 0 (the ε/β ramp) and IBP alone once β has reached
 * 0; SGLD costs the same at any ε. Only the steps after the random warm-up, which makes no updates, are timed. The
 * cost over a whole run weighs each phase by its share of the default schedule (no regulariser before the ramp).
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
    String[] names = {"DDPG", "SA-DDPG convex, ramp (CROWN-IBP and IBP)", "SA-DDPG convex, after the ramp (IBP)",
        "SA-DDPG SGLD"};
    List<DdpgConfig> configs = List.of(
        Algorithms.DDPG.config(env, null, base),
        Algorithms.SA_DDPG.config(env, null, concat(base, "robust.solver=CONVEX", "robust.rampSteps=1000000000")),
        Algorithms.SA_DDPG.config(env, null, concat(base, "robust.solver=CONVEX", "robust.rampSteps=1")),
        Algorithms.SA_DDPG.config(env, null, concat(base, "robust.solver=SGLD", "robust.rampSteps=1")));
    double[] best = new double[names.length];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1, rounds));
      for (int i = 0; i < names.length; i++) {
        best[i] = Math.max(best[i], stepsPerSecond(configs.get(i), env));
        line.append(String.format(Locale.ROOT, " %.0f", best[i]));
      }
      out.println(line.append(" steps/s"));
    }
    out.printf(Locale.ROOT, "%n| %s, %d k steps after a %d-step warm-up, best of %d rounds | steps/s | time per 1k"
        + " steps vs DDPG |%n| --- | --- | --- |%n", env, thousands, WARMUP, rounds);
    double[] cost = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      cost[i] = best[0] / best[i];
      out.printf(Locale.ROOT, "| %s | %.1f | %.2f× |%n", names[i], best[i], cost[i]);
    }
    DdpgConfig.Robust schedule = DdpgConfig.Robust.DEFAULTS;
    double total = DdpgConfig.saDdpg(env).totalSteps();
    double before = schedule.startStep() / total;
    double ramp = schedule.rampSteps() / total;
    double after = 1 - before - ramp;
    out.printf(Locale.ROOT, "over a run of the default schedule (%.0f%% without the regulariser, %.0f%% ramp, %.0f%%"
        + " after): convex %.2f×, SGLD %.2f× DDPG's time%n", 100 * before, 100 * ramp, 100 * after,
        before + ramp * cost[1] + after * cost[2], before + (ramp + after) * cost[3]);
  }

  private static double stepsPerSecond(DdpgConfig config, String env) {
    StepClock clock = new StepClock(WARMUP);
    try (DdpgTrainer trainer = new DdpgTrainer(config, EnvSource.registered(env), null, List.of(clock))) {
      trainer.train();
    }
    return clock.stepsPerSecond();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    all.add("robust.startStep=0");
    return all;
  }
}
