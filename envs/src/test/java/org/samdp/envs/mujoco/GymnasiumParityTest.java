package org.samdp.envs.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.random.NumpyRandom;

/**
 * Step-for-step parity with Gymnasium (facts sheet A): our compiled model equals Gymnasium's field by field; a seeded
 * reset gives the same observation; and from the same qpos/qvel, 1,000 steps of the same random actions give the same
 * observations, rewards, termination flags and info values. Both sides reset (unseeded, so the seeded generator runs
 * on) after every termination, which checks the reset noise of many episodes. Each env prints its largest
 * deviations.
 */
@Tag("native")
@Tag("peer")
class GymnasiumParityTest {
  private static final int STEPS = 1000;
  /** Relative tolerance; the models are built to agree bit for bit, so the deviations printed are normally 0. */
  private static final double TOLERANCE = 1e-9;

  private static GymnasiumPeer peer;

  @BeforeAll
  static void startPeer() {
    assertTrue(MuJoCo.isAvailable(), "MuJoCo is not installed here: run ./samdp test, which sets up .venv");
    assertTrue(GymnasiumPeer.isAvailable(), "gymnasium is not installed in .venv: run ./samdp test");
    peer = GymnasiumPeer.start();
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Hopper-v4", "Hopper-v5", "Walker2d-v4", "Walker2d-v5", "HalfCheetah-v4", "HalfCheetah-v5", "Ant-v4",
      "Ant-v4 use_contact_forces", "Ant-v5", "Humanoid-v4", "Humanoid-v5", "InvertedPendulum-v4", "InvertedPendulum-v5", "Reacher-v4",
      "Reacher-v5"})
  void matchesGymnasiumStepForStep(String idAndFlags) throws Exception {
    // "Id flag1 flag2": the flags are boolean keyword arguments set to true.
    String[] words = idAndFlags.split(" ");
    String id = words[0];
    Map<String, Object> kwargs = new LinkedHashMap<>();
    for (int i = 1; i < words.length; i++) {
      kwargs.put(words[i], true);
    }
    peer.call("make", Map.of("id", id, "kwargs", kwargs));
    try (MuJoCoEnv env = (MuJoCoEnv) EnvRegistry.make(id, kwargs, -1)) {
      List<String> modelDifferences = compareModels(env);
      assertTrue(modelDifferences.isEmpty(), id + ": compiled model differs from Gymnasium's: " + modelDifferences);

      long seed = 17;
      JsonNode theirReset = peer.call("reset", Map.of("seed", seed));
      Reset<double[]> ourReset = env.reset(seed);
      Deviation resetObs = new Deviation();
      compareReset(id + " reset", theirReset, ourReset, resetObs);
      // Start from Gymnasium's exact state, so that the rollout tests the dynamics alone.
      env.setState(GymnasiumPeer.doubles(theirReset.get("qpos")), GymnasiumPeer.doubles(theirReset.get("qvel")));

      List<double[]> actions = randomActions(env, seed);
      JsonNode theirs = peer.call("rollout", Map.of("actions", actions, "reset_on_termination", true));
      Deviation obs = new Deviation();
      Deviation reward = new Deviation();
      Deviation info = new Deviation();
      int episodes = 1;
      for (int t = 0; t < STEPS; t++) {
        Step<double[]> step = env.step(actions.get(t));
        String where = id + " step " + t;
        obs.compare(where + " obs", GymnasiumPeer.doubles(theirs.get("obs").get(t)), step.observation());
        reward.compare(where + " reward", new double[] {theirs.get("reward").get(t).asDouble()},
            new double[] {step.reward()});
        assertEquals(theirs.get("terminated").get(t).asBoolean(), step.terminated(), where + " terminated");
        assertEquals(false, step.truncated(), where + " truncated");
        compareInfo(where + " info", theirs.get("info").get(t), step.info(), info);
        if (step.terminated()) {
          JsonNode theirNext = theirs.get("reset").get(t);
          compareReset(where + " reset", theirNext, env.reset(), resetObs);
          env.setState(GymnasiumPeer.doubles(theirNext.get("qpos")), GymnasiumPeer.doubles(theirNext.get("qvel")));
          episodes++;
        }
      }
      System.out.printf(Locale.ROOT, "parity %-28s model fields equal; reset obs max|d| %.3g; %d steps: max|d| obs %.3g,"
          + " reward %.3g, info %.3g; terminated flags equal (%d episodes)%n", idAndFlags,
          resetObs.max,
          STEPS, obs.max, reward.max, info.max, episodes);
    }
  }

  /** Compares a reset's observation and info (the reset noise is drawn like numpy's, so they agree). */
  private static void compareReset(String where, JsonNode theirs, Reset<double[]> ours, Deviation deviation) {
    deviation.compare(where + " obs", GymnasiumPeer.doubles(theirs.get("obs")), ours.observation());
    compareInfo(where + " info", theirs.get("info"), ours.info(), deviation);
  }

  /** Differences between our compiled model and Gymnasium's, as "field: max |difference|" for every field not equal. */
  private static List<String> compareModels(MuJoCoEnv env) throws URISyntaxException {
    Path ours = Path.of(MjModel.class.getResource(env.model().source()).toURI());
    JsonNode diff = peer.call("compare_model", Map.of("xml", ours.toString()));
    List<String> differences = new ArrayList<>();
    diff.fields().forEachRemaining(field -> {
      if (!(field.getValue().isNumber() && field.getValue().asDouble() == 0.0)) {
        differences.add(field.getKey() + ": " + field.getValue().asText());
      }
    });
    return differences;
  }

  private static List<double[]> randomActions(MuJoCoEnv env, long seed) {
    NumpyRandom random = new NumpyRandom(seed);
    List<double[]> actions = new ArrayList<>();
    for (int t = 0; t < STEPS; t++) {
      double[] action = new double[env.actionSpace().shape()[0]];
      for (int i = 0; i < action.length; i++) {
        action[i] = random.uniform(env.actionSpace().low(i), env.actionSpace().high(i));
      }
      actions.add(action);
    }
    return actions;
  }

  /** Every numeric entry of Gymnasium's info must be in ours with the same value. */
  private static void compareInfo(String where, JsonNode theirs, Map<String, Object> ours, Deviation deviation) {
    for (Iterator<Map.Entry<String, JsonNode>> it = theirs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Object value = ours.get(entry.getKey());
      String what = where + " '" + entry.getKey() + "'";
      if (value == null) {
        fail(what + " is missing; ours has " + ours.keySet());
      }
      JsonNode expected = entry.getValue();
      if (expected.isArray()) {
        deviation.compare(what, GymnasiumPeer.doubles(expected), (double[]) value);
      } else if (expected.isBoolean()) {
        assertEquals(expected.asBoolean(), value, what);
      } else {
        deviation.compare(what, new double[] {expected.asDouble()}, new double[] {((Number) value).doubleValue()});
      }
    }
  }

  /** The largest absolute deviation seen; fails past the relative tolerance. */
  private static final class Deviation {
    double max;

    void compare(String where, double[] expected, double[] actual) {
      assertEquals(expected.length, actual.length, where + " length");
      for (int i = 0; i < expected.length; i++) {
        double d = Math.abs(expected[i] - actual[i]);
        if (Double.isNaN(expected[i]) != Double.isNaN(actual[i]) || d > TOLERANCE * (1 + Math.abs(expected[i]))) {
          fail(where + "[" + i + "]: Gymnasium " + expected[i] + ", samdp " + actual[i]);
        }
        if (!Double.isNaN(d)) {
          max = Math.max(max, d);
        }
      }
    }
  }
}
