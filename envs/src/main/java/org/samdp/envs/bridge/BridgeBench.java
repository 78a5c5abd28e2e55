package org.samdp.envs.bridge;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.envs.vector.SyncVectorEnv;

/**
 * Round-trip rates of the bridge against the same env stepped locally: a {@link BridgeServer} on loopback in this
 * process, reached over real TCP by {@link RemoteEnv} (one call per step) and {@link RemoteVectorEnv} (one call per
 * step of all sub-envs). Actions are sampled before timing; rates are env steps per second, the best of a few rounds.
 */
public final class BridgeBench {
  private static final int ROUNDS = 3;

  /** One row: an env and a mode, both rates in env steps per second. */
  public record Row(String id, String mode, double localStepsPerSecond, double bridgeStepsPerSecond) {
    public double ratio() {
      return bridgeStepsPerSecond / localStepsPerSecond;
    }
  }

  private BridgeBench() {}

  /** Measures {@code ids}, single and with {@code numEnvs} sub-envs, each round lasting about {@code seconds}. */
  public static List<Row> run(List<String> ids, int numEnvs, double seconds) {
    if (numEnvs < 1 || seconds <= 0) {
      throw new IllegalArgumentException("need numEnvs >= 1 and seconds > 0, got " + numEnvs + " and " + seconds);
    }
    List<Row> rows = new ArrayList<>();
    try (BridgeServer server = BridgeServer.start(BridgeServer.Options.loopback(0))) {
      for (String id : ids) {
        EnvRegistry.spec(id);
      }
      // Warm up the gRPC code paths on both ends (JIT), so that the first env measured is not penalised.
      single(EnvRegistry.make(server.address() + "/" + ids.get(0)), 3 * seconds);
      for (String id : ids) {
        String url = server.address() + "/" + id;
        rows.add(new Row(id, "single", best(() -> single(EnvRegistry.make(id), seconds)),
            best(() -> single(EnvRegistry.make(url), seconds))));
        rows.add(new Row(id, "batched x" + numEnvs, best(() -> localVector(id, numEnvs, seconds)),
            best(() -> remoteVector(url, numEnvs, seconds))));
      }
    }
    return rows;
  }

  /** Prints rows as a table. */
  public static void print(List<Row> rows, PrintWriter out) {
    out.printf("%-14s %-12s %15s %15s %13s %16s%n", "env", "mode", "local steps/s", "bridge steps/s",
        "bridge/local", "round trip (us)");
    for (Row row : rows) {
      int perCall = row.mode().equals("single") ? 1 : Integer.parseInt(row.mode().replaceAll("\\D", ""));
      out.printf(Locale.ROOT, "%-14s %-12s %15.0f %15.0f %13.3f %16.0f%n", row.id(), row.mode(),
          row.localStepsPerSecond(), row.bridgeStepsPerSecond(), row.ratio(),
          1e6 * perCall / row.bridgeStepsPerSecond());
    }
    out.flush();
  }

  private static double best(Supplier<Double> round) {
    round.get(); // warm-up: class loading, JIT, connection set-up
    double best = 0;
    for (int r = 0; r < ROUNDS; r++) {
      best = Math.max(best, round.get());
    }
    return best;
  }

  private static double single(Env<?, ?> env, double seconds) {
    try (env) {
      return timeSingle(env, seconds);
    }
  }

  private static <A> double timeSingle(Env<?, A> env, double seconds) {
    List<A> actions = actions(env, 1024);
    env.reset(0L, java.util.Map.of());
    long steps = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    do {
      for (int i = 0; i < 100; i++, steps++) {
        Step<?> step = env.step(actions.get((int) (steps % actions.size())));
        if (step.done()) {
          env.reset();
        }
      }
    } while (System.nanoTime() < end);
    return steps / ((System.nanoTime() - start) / 1e9);
  }

  @SuppressWarnings("unchecked")
  private static double localVector(String id, int numEnvs, double seconds) {
    try (SyncVectorEnv<Object, Object> env = SyncVectorEnv.of(numEnvs,
        () -> (Env<Object, Object>) EnvRegistry.make(id))) {
      env.reset(0L);
      return timeBatches(env::step, env.singleActionSpace(), numEnvs, seconds);
    }
  }

  @SuppressWarnings("unchecked")
  private static double remoteVector(String url, int numEnvs, double seconds) {
    try (RemoteVectorEnv<Object, Object> env = (RemoteVectorEnv<Object, Object>) RemoteVectorEnv.open(url, numEnvs,
        AutoresetMode.NEXT_STEP)) {
      env.reset(0L);
      return timeBatches(env::step, env.singleActionSpace(), numEnvs, seconds);
    }
  }

  /** Env steps per second of a vector env's step, with actions sampled beforehand (autoreset keeps it going). */
  private static double timeBatches(Consumer<List<Object>> step, Space<Object> actionSpace, int numEnvs,
      double seconds) {
    actionSpace.seed(0);
    List<List<Object>> batches = new ArrayList<>();
    for (int b = 0; b < 128; b++) {
      List<Object> batch = new ArrayList<>();
      for (int i = 0; i < numEnvs; i++) {
        batch.add(actionSpace.sample());
      }
      batches.add(batch);
    }
    long calls = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    do {
      for (int i = 0; i < 20; i++, calls++) {
        step.accept(batches.get((int) (calls % batches.size())));
      }
    } while (System.nanoTime() < end);
    return calls * numEnvs / ((System.nanoTime() - start) / 1e9);
  }

  private static <A> List<A> actions(Env<?, A> env, int n) {
    env.actionSpace().seed(0);
    List<A> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      actions.add(env.actionSpace().sample());
    }
    return actions;
  }
}
