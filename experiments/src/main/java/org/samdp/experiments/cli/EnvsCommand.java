package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Step;
import org.samdp.envs.bridge.RemoteId;
import org.samdp.envs.check.CheckResult;
import org.samdp.envs.check.EnvChecker;
import org.samdp.envs.mujoco.MuJoCoBench;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Space;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code samdp envs list | check | bench}. */
@Command(
    name = "envs",
    description = "List, check and benchmark the registered environments.",
    mixinStandardHelpOptions = true,
    subcommands = {EnvsCommand.ListEnvs.class, EnvsCommand.CheckEnvs.class, EnvsCommand.BenchEnv.class})
public final class EnvsCommand extends CommandGroup {

  /** {@code samdp envs list}. */
  @Command(name = "list", description = "List every registered environment id.", mixinStandardHelpOptions = true)
  static final class ListEnvs implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"id", "observation space", "action space", "max steps", "threshold"});
      for (EnvSpec envSpec : EnvRegistry.specs()) {
        try (Env<?, ?> env = EnvRegistry.make(envSpec.id())) {
          rows.add(new String[] {envSpec.id(), compact(env.observationSpace()), compact(env.actionSpace()),
              envSpec.maxEpisodeSteps() > 0 ? String.valueOf(envSpec.maxEpisodeSteps()) : "-",
              Double.isNaN(envSpec.rewardThreshold()) ? "-" : formatNumber(envSpec.rewardThreshold())});
        }
      }
      // Each column as wide as its longest entry: text left-aligned, the two numbers right-aligned.
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int c = 0; c < row.length; c++) {
          widths[c] = Math.max(widths[c], row[c].length());
        }
      }
      String format = String.format("%%-%ds  %%-%ds  %%-%ds  %%%ds  %%%ds%%n", widths[0], widths[1], widths[2],
          widths[3], widths[4]);
      PrintWriter out = spec.commandLine().getOut();
      for (String[] row : rows) {
        out.printf(format, (Object[]) row);
      }
      out.flush();
    }

    /** Shape and dtype for Boxes with per-coordinate bounds, the full form when it is short. */
    private static String compact(Space<?> space) {
      String full = space.toString();
      if (full.length() <= 30 || !(space instanceof Box box)) {
        return full;
      }
      return "Box" + Box.shapeString(box.shape()) + " " + box.dtype().numpyName();
    }
  }

  /** {@code samdp envs check ID...}. */
  @Command(
      name = "check",
      description = "Run Gymnasium's env_checker checks (and samdp's invalid-action check) on environments.",
      mixinStandardHelpOptions = true)
  static final class CheckEnvs implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Environment ids (default: all registered); remote"
        + " ids such as grpc://HOST:PORT/ALE/Pong-v5 check envs served over the bridge.")
    List<String> ids;

    @Option(names = "--all", description = "Check every registered environment.")
    boolean all;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<String> targets = (ids == null || ids.isEmpty() || all)
          ? EnvRegistry.specs().stream().map(EnvSpec::id).toList() : ids;
      for (String id : targets) {
        if (!RemoteId.isRemote(id)) {
          EnvRegistry.spec(id); // unknown ids fail before any check runs
        }
      }
      int failedEnvs = 0;
      for (String id : targets) {
        List<CheckResult> results = EnvChecker.check(() -> EnvRegistry.make(id));
        boolean passed = EnvChecker.passed(results);
        out.println(id + ": " + (passed ? "PASS" : "FAIL"));
        for (CheckResult result : results) {
          out.printf("  %-4s %-18s %s%n", result.status(), result.name(), result.detail());
        }
        failedEnvs += passed ? 0 : 1;
      }
      out.println(targets.size() - failedEnvs + " passed, " + failedEnvs + " failed");
      out.flush();
      return failedEnvs == 0 ? 0 : 1;
    }
  }

  /** {@code samdp envs bench ID --steps N}. */
  @Command(
      name = "bench",
      description = {"Environment steps per second with random actions, one thread.",
          "MuJoCo envs also show the raw physics rate (the same trajectory replayed with mj_step alone), the ratio "
              + "env/raw, and Gymnasium's rate when the Python peer in .venv is installed."},
      mixinStandardHelpOptions = true)
  static final class BenchEnv implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Environment id.")
    String id;

    @Option(names = "--steps", defaultValue = "100000", description = "Steps to time (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of env and action sampling.")
    long seed;

    @Option(names = "--rounds", defaultValue = "3",
        description = "MuJoCo envs: timed rounds of env and raw physics, best kept (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--peer-steps", defaultValue = "20000",
        description = "MuJoCo envs: steps to time Gymnasium for, 0 to skip it (default ${DEFAULT-VALUE}).")
    int peerSteps;

    @Override
    public void run() {
      if (steps <= 0) {
        throw new IllegalArgumentException("--steps must be positive, got " + steps);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (MuJoCoBench.isMuJoCo(id)) {
        benchMuJoCo(out);
        return;
      }
      try (Env<?, ?> env = EnvRegistry.make(id)) {
        double warmup = timeSteps(env, Math.min(steps, 10_000), seed);
        double seconds = timeSteps(env, steps, seed + 1);
        out.printf(Locale.ROOT, "%s: %,d steps in %.3f s = %,.0f steps/s (one thread, random actions; warm-up %.3f s)%n",
            id, steps, seconds, steps / seconds, warmup);
      }
      out.flush();
    }

    private void benchMuJoCo(PrintWriter out) {
      MuJoCoBench.Result result = MuJoCoBench.run(id, steps, seed, rounds);
      out.printf(Locale.ROOT, "%s: %,d steps, best of %d rounds, one thread, random actions%n", id, steps, rounds);
      out.printf(Locale.ROOT, "  samdp env          %,10.0f steps/s%n", result.envStepsPerSecond());
      out.printf(Locale.ROOT, "  raw physics        %,10.0f steps/s  (mj_step x%d per step, same trajectory)%n",
          result.rawStepsPerSecond(), result.frameSkip());
      out.printf(Locale.ROOT, "  env / raw          %10.1f %%%n", 100 * result.ratio());
      out.flush();
      OptionalDouble gymnasium = peerSteps > 0
          ? MuJoCoBench.gymnasiumStepsPerSecond(id, peerSteps, seed) : OptionalDouble.empty();
      if (gymnasium.isPresent()) {
        out.printf(Locale.ROOT, "  Gymnasium          %,10.0f steps/s  (%,d steps; samdp is %.1fx)%n",
            gymnasium.getAsDouble(), peerSteps, result.envStepsPerSecond() / gymnasium.getAsDouble());
      } else {
        out.printf("  Gymnasium          not timed (%s)%n",
            peerSteps > 0 ? "no gymnasium in .venv; ./samdp sets it up" : "--peer-steps 0");
      }
      out.flush();
    }

    private static <O, A> double timeSteps(Env<O, A> env, int steps, long seed) {
      env.actionSpace().seed(seed);
      env.reset(seed, Map.of());
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        Step<O> step = env.step(env.actionSpace().sample());
        if (step.done()) {
          env.reset();
        }
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static String formatNumber(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
