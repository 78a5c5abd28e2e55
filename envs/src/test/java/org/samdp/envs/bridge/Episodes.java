package org.samdp.envs.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;

/** Seeded episodes to compare local and bridged envs, and a bounded wait. */
final class Episodes {
  private Episodes() {}

  /** What one reset or step returned. */
  record Transition(Object observation, double reward, boolean terminated, boolean truncated,
      Map<String, Object> info) {}

  /** The actions a seeded action space samples, {@code n} of them. */
  static <A> List<A> sampledActions(Env<?, A> env, long seed, int n) {
    env.actionSpace().seed(seed);
    List<A> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      actions.add(env.actionSpace().sample());
    }
    return actions;
  }

  /** {@code reset(seed)}, then the actions in order, resetting (unseeded) whenever an episode ends. */
  static <O, A> List<Transition> play(Env<O, A> env, long seed, List<A> actions) {
    List<Transition> transitions = new ArrayList<>();
    Reset<O> reset = env.reset(seed);
    transitions.add(new Transition(reset.observation(), 0, false, false, reset.info()));
    for (A action : actions) {
      Step<O> step = env.step(action);
      transitions.add(new Transition(step.observation(), step.reward(), step.terminated(), step.truncated(),
          step.info()));
      if (step.done()) {
        Reset<O> next = env.reset();
        transitions.add(new Transition(next.observation(), 0, false, false, next.info()));
      }
    }
    return transitions;
  }

  /** Identical observations (bit for bit), rewards, flags and infos. */
  static void assertSame(List<Transition> expected, List<Transition> actual) {
    assertEquals(expected.size(), actual.size(), "number of transitions");
    for (int t = 0; t < expected.size(); t++) {
      Transition e = expected.get(t);
      Transition a = actual.get(t);
      String where = "transition " + t;
      if (e.observation() instanceof double[] x) {
        assertArrayEquals(x, (double[]) a.observation(), where + ": observation");
      } else {
        assertEquals(e.observation(), a.observation(), where + ": observation");
      }
      assertEquals(e.reward(), a.reward(), 0.0, where + ": reward");
      assertEquals(e.terminated(), a.terminated(), where + ": terminated");
      assertEquals(e.truncated(), a.truncated(), where + ": truncated");
      assertTrue(deepEquals(e.info(), a.info()), where + ": info " + e.info() + " vs " + a.info());
    }
  }

  /** Equality that looks inside maps, lists and arrays (an {@link NdArray} compares by its values). */
  static boolean deepEquals(Object a, Object b) {
    if (a instanceof NdArray x) {
      return deepEquals(x.values(), b);
    }
    if (b instanceof NdArray y) {
      return deepEquals(a, y.values());
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> deepEquals(x.get(k), y.get(k)));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  /** Waits until {@code condition} holds; fails after {@code limit} (a guard against hanging, not a timing test). */
  static void await(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("gave up waiting after " + limit.toSeconds() + " s until " + what);
      }
      Thread.sleep(20);
    }
  }
}
