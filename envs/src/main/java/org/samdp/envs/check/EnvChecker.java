package org.samdp.envs.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.random.NumpyRandom;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;

/**
 * Runs the checks of Gymnasium's {@code check_env} (facts sheet C.5) against an environment, plus samdp's own rule
 * that invalid actions are refused with an error. Each check is reported; any FAIL means the env breaks the contract.
 *
 * <p>Java's types make some of Gymnasium's checks moot (a reset always returns a pair, a step a 5-tuple, flags are
 * booleans); they are reported as passing by construction rather than silently dropped.
 */
public final class EnvChecker {
  private static final double ALLCLOSE_TOLERANCE = 1e-5;

  private final Supplier<? extends Env<?, ?>> factory;
  private final List<CheckResult> results = new ArrayList<>();

  private EnvChecker(Supplier<? extends Env<?, ?>> factory) {
    this.factory = factory;
  }

  /** Checks envs made by {@code factory} (several are made: determinism and close checks need fresh ones). */
  public static List<CheckResult> check(Supplier<? extends Env<?, ?>> factory) {
    EnvChecker checker = new EnvChecker(factory);
    try (Env<?, ?> env = factory.get()) {
      checker.checkAll(env);
    }
    return List.copyOf(checker.results);
  }

  /** True if no result failed. */
  public static boolean passed(List<CheckResult> results) {
    return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL);
  }

  private <O, A> void checkAll(Env<O, A> env) {
    checkWrapping(env);
    checkSpace("action space", env.actionSpace());
    checkActionLimits(env.actionSpace());
    checkSpace("observation space", env.observationSpace());
    results.add(CheckResult.pass("API shape",
        "reset returns (obs, info) and step (obs, reward, terminated, truncated, info) by their Java types"));
    if (!guard("reset", () -> checkReset(env))) {
      return;
    }
    guard("seed determinism", () -> checkSeedDeterminism(env));
    guard("reset options", () -> {
      env.reset(null, Map.of());
      results.add(CheckResult.pass("reset options", "reset(options={}) works"));
    });
    if (guard("step", () -> checkStep(env))) {
      guard("step determinism", this::checkStepDeterminism);
    }
    guard("invalid actions", () -> checkInvalidActions(env));
    results.add(CheckResult.pass("render", "no render modes declared; nothing to check"));
    guard("close", this::checkClose);
  }

  /** Runs a check; an exception it throws becomes a FAIL of that check. */
  private boolean guard(String name, Runnable check) {
    try {
      check.run();
      return true;
    } catch (RuntimeException e) {
      results.add(CheckResult.fail(name, "threw " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      return false;
    }
  }

  private void checkWrapping(Env<?, ?> env) {
    if (env.unwrapped() != env) {
      results.add(CheckResult.pass("env type", "a wrapped env (" + env.getClass().getSimpleName() + " around "
          + env.unwrapped().getClass().getSimpleName() + "); checks run through the wrappers"));
    } else {
      results.add(CheckResult.pass("env type", env.getClass().getSimpleName()));
    }
  }

  private void checkSpace(String name, Space<?> space) {
    if (space == null) {
      results.add(CheckResult.fail(name, "is null"));
    } else if (space instanceof Box box) {
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < box.flatSize(); i++) {
        if (box.low(i) == box.high(i)) {
          warnings.add("low == high at index " + i);
        }
      }
      if (!box.isBounded()) {
        warnings.add("some bounds are infinite");
      }
      results.add(warnings.isEmpty() ? CheckResult.pass(name, box.toString())
          : CheckResult.warn(name, box + ": " + String.join("; ", warnings)));
    } else if (space instanceof Discrete discrete) {
      results.add(discrete.n() > 0 && discrete.shape().length == 0 ? CheckResult.pass(name, discrete.toString())
          : CheckResult.fail(name, discrete + " needs n > 0 and shape ()"));
    } else {
      results.add(CheckResult.warn(name, "unknown space type " + space.getClass().getName() + " is not checked"));
    }
  }

  private void checkActionLimits(Space<?> space) {
    if (!(space instanceof Box box) || box.shape().length != 1) {
      return;
    }
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < box.flatSize(); i++) {
      double low = box.low(i);
      double high = box.high(i);
      if (low != -high && low != 0) {
        warnings.add("bounds at index " + i + " are neither symmetric nor start at 0");
      }
      if (low < -1 || high > 1) {
        warnings.add("bounds at index " + i + " lie outside [-1, 1]; agents usually act in [-1, 1] and rescale");
      }
    }
    results.add(warnings.isEmpty() ? CheckResult.pass("action limits", "symmetric within [-1, 1]")
        : CheckResult.warn("action limits", String.join("; ", warnings)));
  }

  private <O, A> void checkReset(Env<O, A> env) {
    Reset<O> reset = env.reset(null, Map.of());
    String why = observationProblem(env, reset.observation());
    if (why != null) {
      results.add(CheckResult.fail("reset", "observation " + why));
    } else if (reset.info() == null) {
      results.add(CheckResult.fail("reset", "info is null; it must be a map"));
    } else {
      results.add(CheckResult.pass("reset", "observation in the observation space, info is a map"));
    }
  }

  private <O, A> void checkSeedDeterminism(Env<O, A> env) {
    String name = "seed determinism";
    O seededFirst = env.reset(123L, Map.of()).observation();
    String why = observationProblem(env, seededFirst);
    NumpyRandom.State stateFirst = rngState(env);
    O unseededFirst = env.reset().observation();
    O seededSecond = env.reset(123L, Map.of()).observation();
    NumpyRandom.State stateSecond = rngState(env);
    O unseededSecond = env.reset().observation();
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (why != null) {
      failures.add("reset(seed=123) observation " + why);
    }
    compareObservations("reset(seed=123) twice", seededFirst, seededSecond, failures, warnings);
    compareObservations("the reset() after each", unseededFirst, unseededSecond, failures, warnings);
    if (!(env.unwrapped() instanceof BaseEnv<?, ?>)) {
      warnings.add("the env does not expose its random generator; generator states were not compared");
    } else {
      if (!Objects.equals(stateFirst, stateSecond)) {
        failures.add("the generator state differs after two reset(seed=123)");
      }
      env.reset(456L, Map.of());
      if (Objects.equals(stateFirst, rngState(env))) {
        failures.add("reset(seed=456) leaves the same generator state as reset(seed=123)");
      }
    }
    report(name, failures, warnings, "equal observations and generator states for equal seeds");
  }

  private <O, A> void checkStep(Env<O, A> env) {
    env.reset(0L, Map.of());
    env.actionSpace().seed(0);
    Step<O> step = env.step(env.actionSpace().sample());
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String why = observationProblem(env, step.observation());
    if (why != null) {
      failures.add("observation " + why);
    }
    if (!Double.isFinite(step.reward())) {
      warnings.add("reward is " + step.reward());
    }
    if (step.info() == null) {
      failures.add("info is null; it must be a map");
    }
    report("step", failures, warnings, "a sampled action gives an observation in the space and a finite reward");
  }

  private void checkStepDeterminism() {
    try (Env<?, ?> first = factory.get(); Env<?, ?> second = factory.get()) {
      List<String> failures = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      StepOutcome a = seededStep(first);
      StepOutcome b = seededStep(second);
      compareObservations("the observations", a.step().observation(), b.step().observation(), failures, warnings);
      if (Double.compare(a.step().reward(), b.step().reward()) != 0) {
        failures.add("rewards differ: " + a.step().reward() + " vs " + b.step().reward());
      }
      if (a.step().terminated() != b.step().terminated()) {
        failures.add("terminated differs");
      }
      if (a.step().truncated() || b.step().truncated()) {
        failures.add("truncated after one step");
      }
      if (!Objects.equals(a.rngState(), b.rngState())) {
        failures.add("generator states differ after the step");
      }
      if (!deepEquals(a.step().info(), b.step().info())) {
        failures.add("infos differ: " + a.step().info() + " vs " + b.step().info());
      }
      report("step determinism", failures, warnings, "reset(seed=123) + the same action gives the same step");
    }
  }

  private record StepOutcome(Step<?> step, NumpyRandom.State rngState) {}

  private static <O, A> StepOutcome seededStep(Env<O, A> env) {
    env.actionSpace().seed(123);
    A action = env.actionSpace().sample();
    env.reset(123L, Map.of());
    Step<O> step = env.step(action);
    return new StepOutcome(step, rngState(env));
  }

  private <O, A> void checkInvalidActions(Env<O, A> env) {
    List<Object> invalid = new ArrayList<>();
    Space<A> space = env.actionSpace();
    if (space instanceof Box box) {
      double[] nan = new double[box.flatSize()];
      Arrays.fill(nan, Double.NaN);
      invalid.add(nan);
      invalid.add(new double[box.flatSize() + 1]);
      if (Double.isFinite(box.high(0))) {
        double[] outside = new double[box.flatSize()];
        outside[0] = box.high(0) + 1;
        invalid.add(outside);
      }
    } else if (space instanceof Discrete discrete) {
      invalid.add(discrete.start() + discrete.n());
      invalid.add(0.5);
    }
    List<String> accepted = new ArrayList<>();
    for (Object action : invalid) {
      env.reset(0L, Map.of());
      try {
        stepUnchecked(env, action);
        accepted.add(describe(action));
      } catch (IllegalArgumentException expected) {
        // The contract: one clear error, no silent clip.
      }
    }
    report("invalid actions", accepted.isEmpty() ? List.of() : List.of("accepted " + String.join(", ", accepted)),
        List.of(), "NaN, wrong-shape and out-of-range actions are refused with an error");
  }

  @SuppressWarnings("unchecked")
  private static <O, A> void stepUnchecked(Env<O, A> env, Object action) {
    try {
      env.step((A) action);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void checkClose() {
    Env<?, ?> env = factory.get();
    env.close();
    env.close();
    results.add(CheckResult.pass("close", "close() twice does not throw"));
  }

  private void report(String name, List<String> failures, List<String> warnings, String passDetail) {
    if (!failures.isEmpty()) {
      results.add(CheckResult.fail(name, String.join("; ", failures)));
    } else if (!warnings.isEmpty()) {
      results.add(CheckResult.warn(name, String.join("; ", warnings)));
    } else {
      results.add(CheckResult.pass(name, passDetail));
    }
  }

  private static String observationProblem(Env<?, ?> env, Object observation) {
    if (observation == null) {
      return "is null";
    }
    return env.observationSpace().violation(observation);
  }

  private static NumpyRandom.State rngState(Env<?, ?> env) {
    return env.unwrapped() instanceof BaseEnv<?, ?> base ? base.rngState() : null;
  }

  private static void compareObservations(String what, Object a, Object b, List<String> failures,
      List<String> warnings) {
    if (a instanceof double[] x && b instanceof double[] y) {
      if (x.length != y.length) {
        failures.add(what + " have different shapes");
        return;
      }
      boolean exact = true;
      for (int i = 0; i < x.length; i++) {
        if (Math.abs(x[i] - y[i]) > ALLCLOSE_TOLERANCE * (1 + Math.abs(y[i]))) {
          failures.add(what + " differ at index " + i + ": " + x[i] + " vs " + y[i]);
          return;
        }
        exact &= Double.compare(x[i], y[i]) == 0;
      }
      if (!exact) {
        warnings.add(what + " are close but not exactly equal");
      }
    } else if (!Objects.equals(a, b)) {
      failures.add(what + " differ: " + describe(a) + " vs " + describe(b));
    }
  }

  /** Equality that looks inside maps and arrays (infos may hold arrays). */
  private static boolean deepEquals(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> deepEquals(x.get(k), y.get(k)));
    }
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  private static String describe(Object value) {
    return value instanceof double[] x ? Arrays.toString(x) : String.valueOf(value);
  }
}
