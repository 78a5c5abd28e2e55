package org.samdp.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.samdp.adversaries.eval.RecurrentCertificateBenchmark;
import org.samdp.adversaries.trained.AttackerBenchmark;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.algo.TrainingBenchmark;
import org.samdp.agents.ddpg.DdpgBenchmark;
import org.samdp.agents.io.Json;
import org.samdp.bounds.reference.BoundsBenchmark;
import org.samdp.envs.bridge.BridgeBench;
import org.samdp.experiments.presets.Preset;
import org.samdp.experiments.runs.TrainedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp bench ...}: benchmarks that print times and ratios to a baseline measured in the same run. */
@Command(
    name = "bench",
    description = "Benchmarks (times and ratios to a baseline measured in the same run; not tests).",
    mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.BenchBounds.class, BenchCommand.BenchBridge.class, BenchCommand.BenchAttackers.class,
        BenchCommand.BenchDdpg.class, BenchCommand.BenchRecurrentCertificates.class, BenchCommand.BenchTraining.class})
public final class BenchCommand extends CommandGroup {

  /** {@code samdp bench bounds}. */
  @Command(
      name = "bounds",
      description = "IBP, CROWN and CROWN-IBP on two MLPs, the Atari CNN and an LSTM: each row's median time in ms and"
          + " its median ratio to a plain forward+backward of the same network run alternately with it, beside IBP's"
          + " arithmetic floor.",
      mixinStandardHelpOptions = true)
  static final class BenchBounds implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "10", description = "Timed calls per row, after warm-up"
        + " (median reported; default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads while benchmarking"
        + " (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--only", split = ",", defaultValue = "a,b,c,d", paramLabel = "W", description = "Workloads to"
        + " run: a (tanh MLP), b (ReLU MLP), c (Atari CNN), d (LSTM) (default ${DEFAULT-VALUE}).")
    Set<String> only;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rows as JSON (workload letter as"
        + " \"case\", \"method\", \"ms\", \"ratio\"), to join with another tool's times on the same workloads.")
    Path json;

    @Override
    public void run() {
      if (repeats <= 0) {
        throw new IllegalArgumentException("--repeats must be positive, got " + repeats);
      }
      if (threads <= 0) {
        throw new IllegalArgumentException("--threads must be positive, got " + threads);
      }
      if (!BoundsBenchmark.WORKLOADS.containsAll(only)) {
        throw new IllegalArgumentException("--only takes some of " + String.join(",", BoundsBenchmark.WORKLOADS)
            + ", got " + String.join(",", only));
      }
      List<BoundsBenchmark.Row> rows = BoundsBenchmark.run(spec.commandLine().getOut(), repeats, threads, only);
      if (json != null) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (BoundsBenchmark.Row row : rows) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("case", row.workload());
          entry.put("method", row.method());
          entry.put("ms", row.ms());
          entry.put("ratio", row.ratio());
          table.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tool", "samdp");
        document.put("threads", threads);
        document.put("repeats", repeats);
        document.put("mkl_cbwr", String.valueOf(System.getenv("MKL_CBWR")));
        document.put("rows", table);
        Json.write(json, document);
      }
    }
  }

  /** {@code samdp bench bridge}. */
  @Command(
      name = "bridge",
      description = "Round-trip steps per second through the gRPC bridge (a loopback server in this process) for"
          + " CartPole-v1 and Hopper-v4, one call per step and batched, as ratios to the same envs stepped locally.",
      mixinStandardHelpOptions = true)
  static final class BenchBridge implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--envs", split = ",", defaultValue = "CartPole-v1,Hopper-v4", paramLabel = "ID",
        description = "Environments to measure (default ${DEFAULT-VALUE}).")
    java.util.List<String> envs;

    @Option(names = "--num-envs", defaultValue = "8", description = "Sub-envs per batched call (default"
        + " ${DEFAULT-VALUE}).")
    int numEnvs;

    @Option(names = "--seconds", defaultValue = "1", description = "Length of each timed round; the best of 3"
        + " rounds is reported (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public void run() {
      if (numEnvs < 1) {
        throw new IllegalArgumentException("--num-envs must be at least 1, got " + numEnvs);
      }
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
      }
      BridgeBench.print(BridgeBench.run(envs, numEnvs, seconds), spec.commandLine().getOut());
    }
  }

  /** {@code samdp bench attackers}. */
  @Command(
      name = "attackers",
      description = "The optimal adversary's training steps per second against PPO's own on the victim's env (run"
          + " alternately, best round of each), and the time to train one Robust Sarsa critic.",
      mixinStandardHelpOptions = true)
  static final class BenchAttackers implements Runnable {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The victim's run directory.")
    Path run;

    @Option(names = "--iterations", defaultValue = "3", description = "PPO iterations of 2048 steps per timed round"
        + " (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--sarsa-iterations", defaultValue = "30", description = "Iterations of the timed Robust Sarsa"
        + " critic (default ${DEFAULT-VALUE}, the authors' length).")
    int sarsaIterations;

    @Option(names = "--eps", defaultValue = "0.075", description = "The adversary's radius (default"
        + " ${DEFAULT-VALUE}).")
    double eps;

    @Override
    public void run() {
      if (iterations <= 0 || rounds <= 0 || sarsaIterations <= 0) {
        throw new IllegalArgumentException("--iterations, --rounds and --sarsa-iterations must be positive");
      }
      try (TrainedRun victim = TrainedRun.open(run)) {
        AttackerBenchmark.run(System.out, victim.victim(), iterations, rounds, sarsaIterations, eps);
      }
    }
  }

  /** {@code samdp bench recurrent-certificates}. */
  @Command(
      name = "recurrent-certificates",
      description = "Time per step of a recurrent policy's certificates (IBP+CROWN over the whole history) against the"
          + " window bounded through the cell, on an LSTM 64 Gaussian policy of Hopper's sizes.",
      mixinStandardHelpOptions = true)
  static final class BenchRecurrentCertificates implements Runnable {
    @Option(names = "--windows", split = ",", defaultValue = "1,4,8,16", description = "Windows to time (default"
        + " ${DEFAULT-VALUE}).")
    int[] windows;

    @Option(names = "--episodes", defaultValue = "8", description = "Episodes side by side (default"
        + " ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--steps", defaultValue = "5", description = "Timed steps per window, after the steps that fill"
        + " it (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eps", defaultValue = "0.075", description = "The radius (default ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads (default"
        + " ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public void run() {
      if (episodes <= 0 || steps <= 0 || threads <= 0 || Arrays.stream(windows).anyMatch(w -> w < 1)) {
        throw new IllegalArgumentException("--episodes, --steps, --threads and every window must be positive");
      }
      RecurrentCertificateBenchmark.run(System.out, windows, episodes, steps, eps, threads);
    }
  }

  /** {@code samdp bench ddpg}. */
  @Command(
      name = "ddpg",
      description = "DDPG's env steps per second with one update per step, and SA-DDPG's (convex relaxation and SGLD,"
          + " timed during the eps ramp) as a multiple of DDPG's time per 1k steps; run alternately, best round of"
          + " each.",
      mixinStandardHelpOptions = true)
  static final class BenchDdpg implements Runnable {
    @Option(names = "--env", defaultValue = "Hopper-v4", description = "The env (default ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--thousands", defaultValue = "3", description = "Timed steps per round, in thousands (default"
        + " ${DEFAULT-VALUE}).")
    int thousands;

    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public void run() {
      if (thousands <= 0 || rounds <= 0) {
        throw new IllegalArgumentException("--thousands and --rounds must be positive");
      }
      DdpgBenchmark.run(System.out, env, thousands, rounds);
    }
  }

  /** {@code samdp bench training}. */
  @Command(
      name = "training",
      description = "Env steps per second with training included for PPO, SA-PPO (SGLD and convex relaxation), DQN and"
          + " SA-DQN on their presets' settings, for a few iterations after an untimed first one; run one after the"
          + " other in each round, best round of each. The convex rows run at the full eps with CROWN-IBP mixed with"
          + " IBP, as during the eps ramp.",
      mixinStandardHelpOptions = true)
  static final class BenchTraining implements Runnable {
    /** The rows, by the names {@code --only} takes. */
    static final List<String> ROWS = List.of("ppo", "sa-ppo-sgld", "sa-ppo-convex", "dqn", "sa-dqn");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--ppo-preset", defaultValue = "hopper", paramLabel = "NAME", description = "The PPO preset whose"
        + " settings PPO and SA-PPO run on (default ${DEFAULT-VALUE}: Hopper-v4 as in the paper).")
    String ppoPreset;

    @Option(names = "--dqn-preset", defaultValue = "minatar-breakout", paramLabel = "NAME", description = "The DQN"
        + " preset whose settings DQN and SA-DQN run on (default ${DEFAULT-VALUE}).")
    String dqnPreset;

    @Option(names = "--ppo-iterations", defaultValue = "2", description = "Timed PPO iterations per run, after the"
        + " first (default ${DEFAULT-VALUE}).")
    int ppoIterations;

    @Option(names = "--dqn-iterations", defaultValue = "2", description = "Timed DQN iterations of 1,000 steps per"
        + " run, after a first of random steps (default ${DEFAULT-VALUE}).")
    int dqnIterations;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds, each running the rows one after the other;"
        + " the best round of each row is reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--only", split = ",", defaultValue = "ppo,sa-ppo-sgld,sa-ppo-convex,dqn,sa-dqn",
        paramLabel = "ROW", description = "Rows to run (default ${DEFAULT-VALUE}).")
    List<String> only;

    @Override
    public void run() {
      if (ppoIterations <= 0 || dqnIterations <= 0 || rounds <= 0) {
        throw new IllegalArgumentException("--ppo-iterations, --dqn-iterations and --rounds must be positive");
      }
      if (!ROWS.containsAll(only)) {
        throw new IllegalArgumentException("--only takes some of " + String.join(",", ROWS) + ", got "
            + String.join(",", only));
      }
      TrainingBenchmark.run(spec.commandLine().getOut(), cases(), rounds);
    }

    private List<TrainingBenchmark.Case> cases() {
      List<String> quiet = List.of("run.evalDuringTraining=0", "run.evalEpisodes=0");
      // DQN: the first iteration holds the random warm-up and is not timed; every later step trains.
      List<String> dqn = concat(quiet, "run.stepsPerIteration=1000", "dqn.learningStarts=1000");
      List<TrainingBenchmark.Case> cases = new ArrayList<>();
      for (String row : ROWS) {
        if (!only.contains(row)) {
          continue;
        }
        cases.add(switch (row) {
          case "ppo" -> preset("PPO", Algorithms.PPO, ppoPreset, ppoIterations, quiet);
          case "sa-ppo-sgld" -> preset("SA-PPO SGLD", Algorithms.SA_PPO, ppoPreset, ppoIterations,
              concat(quiet, "robust.solver=SGLD"));
          // What the eps ramp costs (CROWN-IBP mixed with IBP), at the full eps: the ramp's first steps have an eps so
          // small that they say nothing about its cost.
          case "sa-ppo-convex" -> preset("SA-PPO convex", Algorithms.SA_PPO, ppoPreset, ppoIterations,
              concat(quiet, "robust.solver=CONVEX", "robust.rampFraction=0", "robust.crownIbpWeightEnd=0.5"));
          case "dqn" -> preset("DQN", Algorithms.DQN, dqnPreset, dqnIterations, dqn);
          case "sa-dqn" -> preset("SA-DQN convex", Algorithms.SA_DQN, dqnPreset, dqnIterations,
              concat(dqn, "robust.solver=CONVEX", "robust.warmupSteps=0", "robust.rampSteps=1",
                  "robust.crownIbpWeightEnd=0.5"));
          default -> throw new IllegalStateException("no case for row " + row);
        });
      }
      return cases;
    }

    private static TrainingBenchmark.Case preset(String label, Algorithm<?> algorithm, String name, int iterations,
        List<String> more) {
      Preset preset = Preset.load(name, algorithm.name());
      List<String> overrides = new ArrayList<>(preset.overrides(algorithm.robust(), false));
      overrides.addAll(more);
      return new TrainingBenchmark.Case(label, algorithm, preset.env(), overrides, iterations);
    }

    private static List<String> concat(List<String> base, String... more) {
      List<String> all = new ArrayList<>(base);
      all.addAll(List.of(more));
      return all;
    }
  }
}
