package org.samdp.envs.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.Step;
import org.samdp.envs.check.CheckResult;
import org.samdp.envs.check.EnvChecker;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.vector.SyncVectorEnv;

/** The MuJoCo envs against the Gymnasium contract, the facts sheet's table, bad input and native resource use. */
@Tag("native")
class MuJoCoEnvsTest {

  @BeforeAll
  static void needsMuJoCo() {
    assertTrue(MuJoCo.isAvailable(), "MuJoCo is not installed here: run ./samdp test, which sets up .venv");
  }

  static List<String> ids() {
    return EnvRegistry.specs().stream().map(EnvSpec::id)
        .filter(id -> id.matches("(Hopper|Walker2d|HalfCheetah|Ant|Humanoid|InvertedPendulum|Reacher)-v[45]"))
        .toList();
  }

  @Test
  void allFourteenIdsAreRegistered() {
    assertEquals(14, ids().size(), ids().toString());
  }

  @ParameterizedTest
  @MethodSource("ids")
  void passesTheEnvChecker(String id) {
    List<CheckResult> results = EnvChecker.check(() -> EnvRegistry.make(id));
    assertTrue(EnvChecker.passed(results), id + ": " + results);
  }

  /** Facts sheet A.8: observation and action sizes, action bounds, dt and time limit. */
  @ParameterizedTest
  @CsvSource({
      "Hopper-v4, 11, 3, 1.0, 0.008, 1000", "Hopper-v5, 11, 3, 1.0, 0.008, 1000",
      "Walker2d-v4, 17, 6, 1.0, 0.008, 1000", "Walker2d-v5, 17, 6, 1.0, 0.008, 1000",
      "HalfCheetah-v4, 17, 6, 1.0, 0.05, 1000", "HalfCheetah-v5, 17, 6, 1.0, 0.05, 1000",
      "Ant-v4, 27, 8, 1.0, 0.05, 1000", "Ant-v5, 105, 8, 1.0, 0.05, 1000",
      "Humanoid-v4, 376, 17, 0.4, 0.015, 1000", "Humanoid-v5, 348, 17, 0.4, 0.015, 1000",
      "InvertedPendulum-v4, 4, 1, 3.0, 0.04, 1000", "InvertedPendulum-v5, 4, 1, 3.0, 0.04, 1000",
      "Reacher-v4, 11, 2, 1.0, 0.02, 50", "Reacher-v5, 10, 2, 1.0, 0.02, 50"})
  void matchesTheSummaryTable(String id, int obs, int act, double bound, double dt, int limit) {
    try (Env<?, ?> env = EnvRegistry.make(id)) {
      assertArrayEquals(new int[] {obs}, env.observationSpace().shape());
      Box actions = (Box) env.actionSpace();
      assertArrayEquals(new int[] {act}, actions.shape());
      assertEquals(-bound, actions.low(0), 1e-7);
      assertEquals(bound, actions.high(0), 1e-7);
      assertEquals(dt, ((MuJoCoEnv) env.unwrapped()).dt(), 1e-15);
      assertEquals(limit, env.spec().maxEpisodeSteps());
    }
  }

  @Test
  void keywordArgumentsChangeTheObservationAndUnknownOnesAreRefused() {
    assertEquals(12, shape("Hopper-v4", Map.of("exclude_current_positions_from_observation", false)));
    assertEquals(111, shape("Ant-v4", Map.of("use_contact_forces", true)));
    assertEquals(111, shape(MuJoCoEnvs.ANT_CONTACT_FORCES, Map.of()), "Ant-v4 with use_contact_forces, by id");
    assertEquals(27, shape("Ant-v5", Map.of("include_cfrc_ext_in_observation", false)));
    assertEquals(22 + 23, shape("Humanoid-v5", Map.of("include_cinert_in_observation", false,
        "include_cvel_in_observation", false, "include_qfrc_actuator_in_observation", false,
        "include_cfrc_ext_in_observation", false)));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make("Hopper-v4", Map.of("healthy_rewrd", 2.0), null));
    assertTrue(unknown.getMessage().contains("healthy_rewrd"), unknown.getMessage());
    assertEquals(0, SharedModels.users("hopper.xml"), "a refused env frees what it took");
  }

  private static int shape(String id, Map<String, Object> kwargs) {
    try (Env<?, ?> env = EnvRegistry.make(id, kwargs, null)) {
      return env.observationSpace().shape()[0];
    }
  }

  @Test
  void badActionsAreRefusedWithOneClearError() {
    try (Env<double[], double[]> env = EnvRegistry.makeContinuous("Hopper-v4")) {
      assertThrows(IllegalStateException.class, () -> env.step(new double[3]), "step before reset");
      env.reset(0);
      InvalidActionException size = assertThrows(InvalidActionException.class, () -> env.step(new double[2]));
      assertTrue(size.getMessage().contains("expected 3 values"), size.getMessage());
      InvalidActionException nan = assertThrows(InvalidActionException.class,
          () -> env.step(new double[] {0, Double.NaN, 0}));
      assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
      env.step(new double[] {1, -1, 0.5}); // still usable
    }
  }

  @Test
  void anUnstableSimulationReportsMuJoCosWarningsInInfoAndNeverHangs() {
    try (Env<double[], double[]> env = EnvRegistry.makeContinuous("Humanoid-v4")) {
      env.reset(3);
      MuJoCoEnv humanoid = (MuJoCoEnv) env.unwrapped();
      double[] qvel = new double[23];
      Arrays.fill(qvel, 1e200);
      humanoid.setState(humanoid.qpos(), qvel);
      Step<double[]> step = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> env.step(new double[17]));
      @SuppressWarnings("unchecked")
      Map<String, Integer> warnings = (Map<String, Integer>) step.info().get(MuJoCoEnv.WARNINGS_KEY);
      assertTrue(warnings != null && !warnings.isEmpty(), "info: " + step.info());
      // MuJoCo recovers by resetting the state; the next ordinary step raises nothing.
      Step<double[]> next = env.step(new double[17]);
      assertTrue(!next.info().containsKey(MuJoCoEnv.WARNINGS_KEY), "info: " + next.info());
      assertTrue(Arrays.stream(next.observation()).allMatch(Double::isFinite));
    }
  }

  @Test
  void vectorEnvsShareOneCompiledModelAndOwnOneDataBlockEach() {
    SyncVectorEnv<double[], double[]> vector = SyncVectorEnv.of(4, () -> EnvRegistry.makeContinuous("Ant-v5"));
    List<MuJoCoEnv> envs = vector.envs().stream().map(env -> (MuJoCoEnv) env.unwrapped()).toList();
    for (MuJoCoEnv env : envs) {
      assertSame(envs.get(0).model(), env.model());
    }
    assertEquals(4, envs.stream().map(MuJoCoEnv::data).distinct().count());
    assertNotSame(envs.get(0).data(), envs.get(1).data());
    assertEquals(4, SharedModels.users("ant.xml"));
    vector.reset(7L);
    vector.step(List.of(new double[8], new double[8], new double[8], new double[8]));
    MjModel shared = envs.get(0).model();
    vector.close();
    assertEquals(0, SharedModels.users("ant.xml"));
    assertTrue(shared.isClosed(), "the last env to close frees the model");
    assertTrue(envs.stream().allMatch(env -> env.data().isClosed()));
  }

  @Test
  void benchTimesTheEnvAgainstItsRawPhysics() {
    MuJoCoBench.Result result = MuJoCoBench.run("Hopper-v4", 300, 0, 1);
    assertEquals(4, result.frameSkip());
    assertTrue(result.envStepsPerSecond() > 0 && result.rawStepsPerSecond() > 0, result.toString());
    assertTrue(result.ratio() > 0 && Double.isFinite(result.ratio()), result.toString());
  }

  @Test
  void tenThousandResetsAndThousandsOfEnvsLeakNoNativeMemory() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc to read the resident set");
    churn(2_000, 200); // warm up: JIT, heap, allocator pools
    long before = residentKilobytes();
    churn(10_000, 2_000);
    long grown = residentKilobytes() - before;
    System.out.printf("native memory: 10,000 resets and 2,000 Humanoid envs made and closed grew the resident set by"
        + " %d kB%n", grown);
    // A Humanoid data block alone is hundreds of kilobytes, so 2,000 leaked ones would be hundreds of megabytes.
    assertTrue(grown < 64 * 1024, "resident set grew by " + grown + " kB");
  }

  /** {@code resets} resets (with a step each) of one env, then {@code envs} Humanoid envs made and closed. */
  private static void churn(int resets, int envs) {
    try (Env<double[], double[]> env = EnvRegistry.makeContinuous("Hopper-v4")) {
      double[] action = new double[3];
      for (int i = 0; i < resets; i++) {
        env.reset(i);
        env.step(action);
      }
    }
    for (int i = 0; i < envs; i++) {
      try (Env<double[], double[]> env = EnvRegistry.makeContinuous("Humanoid-v4")) {
        env.reset(i);
      }
    }
  }

  private static long residentKilobytes() throws IOException {
    System.gc();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
