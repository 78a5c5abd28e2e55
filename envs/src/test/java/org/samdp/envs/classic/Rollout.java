package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.samdp.envs.Env;
import org.samdp.envs.Step;

/** The outcome of stepping an env through a list of actions: the last observation, the return, when it terminated. */
record Rollout(double[] lastObservation, double totalReward, List<Integer> terminatedAtSteps) {

  /** Steps {@code env} (already reset) through {@code actions}; steps are counted from 1. */
  static <A> Rollout run(Env<double[], A> env, List<A> actions) {
    double[] observation = null;
    double total = 0;
    List<Integer> terminated = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Step<double[]> step = env.step(actions.get(i));
      observation = step.observation();
      total += step.reward();
      if (step.terminated()) {
        terminated.add(i + 1);
      }
    }
    return new Rollout(observation, total, terminated);
  }

  /** {@code pattern} repeated {@code times} times. */
  @SafeVarargs
  static <A> List<A> repeat(int times, A... pattern) {
    List<A> actions = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      for (A action : pattern) {
        actions.add(action);
      }
    }
    return actions;
  }

  /** Asserts {@code actual} equals {@code expected} entrywise within {@code relative}·|expected| (plus 1e-12). */
  static void assertClose(double[] expected, double[] actual, double relative) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]) + 1e-12, "entry " + i);
    }
  }
}
