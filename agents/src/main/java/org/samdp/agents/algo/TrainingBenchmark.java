package org.samdp.agents.algo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.StepClock;
import org.samdp.agents.run.TrainerBase;

/**
 * What training costs (a benchmark, not a test): env steps per second with training included, for several algorithms
 * on a short fixed budget of whole iterations. The first iteration of each run is not timed (the JIT, native
 * libraries and allocator warm up in it, and DQN's random warm-up without updates fills it). The cases run one after
 * the other in each round, so that all see the same machine load; the best round of each is reported.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  /**
   * One row of the table.
   *
   * @param label what the row names, e.g. {@code SA-PPO SGLD}
   * @param algorithm what trains
   * @param env the env id
   * @param overrides {@code key=value} entries over the algorithm's defaults for {@code env}
   * @param iterations timed iterations, after the untimed first one
   */
  public record Case(String label, Algorithm<?> algorithm, String env, List<String> overrides, int iterations) {
    /** Copies the list and checks the budget. */
    public Case {
      overrides = List.copyOf(overrides);
      if (iterations < 1) {
        throw new IllegalArgumentException("a benchmark case needs at least 1 timed iteration, got " + iterations);
      }
    }
  }

  /**
   * One measured row.
   *
   * @param label the case's label
   * @param env the env id
   * @param steps timed env steps of one round
   * @param stepsPerSecond the best round's env steps per second
   */
  public record Result(String label, String env, long steps, double stepsPerSecond) {}

  /**
   * Runs every case {@code rounds} times, alternating, and prints the table.
   *
   * @return the rows, in the order of the cases
   */
  public static List<Result> run(PrintWriter out, List<Case> cases, int rounds) {
    if (cases.isEmpty() || rounds < 1) {
      throw new IllegalArgumentException("the benchmark needs at least one case and one round");
    }
    long[] steps = new long[cases.size()];
    double[] best = new double[cases.size()];
    for (int round = 0; round < rounds; round++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1, rounds));
      for (int i = 0; i < cases.size(); i++) {
        StepClock clock = time(cases.get(i), cases.get(i).algorithm());
        steps[i] = clock.steps();
        best[i] = Math.max(best[i], clock.stepsPerSecond());
        line.append(String.format(Locale.ROOT, " %s %.0f", cases.get(i).label(), clock.stepsPerSecond()));
      }
      out.println(line.append(" steps/s"));
    }
    List<Result> results = new ArrayList<>();
    out.printf(Locale.ROOT, "%nMKL_CBWR=%s ONEDNN_MAX_CPU_ISA=%s, %s PyTorch thread(s)%n", System.getenv("MKL_CBWR"),
        System.getenv("ONEDNN_MAX_CPU_ISA"), System.getProperty("ai.djl.pytorch.num_threads", "default"));
    out.printf(Locale.ROOT, "| env steps/s with training, first iteration not timed, best of %d round(s) | env |"
        + " timed steps | steps/s | time per step vs the plain algorithm |%n| --- | --- | ---: | ---: |"
        + " ---: |%n", rounds);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      int base = familyBase(cases, i);
      out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %s |%n", c.label(), c.env(), steps[i], best[i],
          base == i ? "-" : String.format(Locale.ROOT, "%.2f×", best[base] / best[i]));
      results.add(new Result(c.label(), c.env(), steps[i], best[i]));
    }
    return results;
  }

  /** The first case of the same family as case {@code i}: the plain algorithm its robust variants are compared to. */
  private static int familyBase(List<Case> cases, int i) {
    String family = cases.get(i).algorithm().family();
    for (int j = 0; j < i; j++) {
      if (cases.get(j).algorithm().family().equals(family)) {
        return j;
      }
    }
    return i;
  }

  private static <C extends TrainerBase.Config> StepClock time(Case c, Algorithm<C> algorithm) {
    int stepsPerIteration = algorithm.config(c.env(), null, c.overrides()).stepsPerIteration();
    List<String> overrides = new ArrayList<>(c.overrides());
    overrides.add("totalSteps=" + (long) (c.iterations() + 1) * stepsPerIteration);
    C config = algorithm.config(c.env(), null, overrides);
    StepClock clock = new StepClock(0);
    try (TrainerBase<C, ?> trainer = algorithm.trainer(config, EnvSource.registered(c.env()), List.of(clock))) {
      trainer.train();
    }
    return clock;
  }
}
