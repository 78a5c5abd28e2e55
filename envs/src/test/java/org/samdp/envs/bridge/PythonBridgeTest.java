package org.samdp.envs.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.check.CheckResult;
import org.samdp.envs.check.EnvChecker;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.envs.vector.SyncVectorEnv;
import org.samdp.envs.vector.VectorStep;
import org.samdp.proto.bridge.v1.DType;
import org.samdp.proto.bridge.v1.EnvBridgeGrpc;
import org.samdp.proto.bridge.v1.MakeEnvRequest;
import org.samdp.proto.bridge.v1.ResetRequest;
import org.samdp.proto.bridge.v1.StepRequest;
import org.samdp.proto.bridge.v1.Value;
import org.samdp.proto.bridge.v1.ValueMap;

/**
 * The bridge between samdp and Python, both ways: samdp's Java server with the {@code samdp_bridge} Gymnasium client
 * (Gymnasium's own {@code check_env}), and the {@code samdp_bridge} Gymnasium server with samdp's Java client (samdp's
 * env checker, Atari included). Needs the project's {@code .venv} with the bridge package ({@code ./samdp} installs it).
 */
@Tag("native")
class PythonBridgeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CLASSIC_CONTROL = List.of("CartPole-v1", "MountainCar-v0",
      "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1");

  private static final List<String> EXPECTED_WARNINGS = List.of("maximum value is infinity",
      "minimum value is -infinity", "we recommend using a symmetric and normalized space", "is out of date");

  @TempDir
  static Path scripts;

  private static BridgeServer javaServer;
  private static PythonProcess pythonServer;
  private static String pythonAddress;

  @BeforeAll
  static void start() throws Exception {
    PythonProcess.requireBridgePackage();
    // samdp's own envs only: other tests in this JVM register test envs that Python's table does not list.
    javaServer = BridgeServer.start(BridgeServer.Options.loopback(0).withEnvIds(EnvRegistry.builtinIds()));
    pythonServer = startPythonServer();
    String banner = pythonServer.nextLine(PATIENCE);
    pythonAddress = banner.substring(banner.indexOf("grpc://"));
  }

  private static PythonProcess startPythonServer() {
    return PythonProcess.start(Map.of(), "-m", "samdp_bridge.server", "--port", "0");
  }

  @AfterAll
  static void stop() {
    if (pythonServer != null) {
      pythonServer.close();
    }
    if (javaServer != null) {
      javaServer.close();
    }
  }

  private static PythonProcess clientChecks(BridgeServer server, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PythonProcess.script("bridge_client_checks.py", scripts)
        .toString()));
    command.addAll(List.of(args));
    return PythonProcess.start(Map.of("SAMDP_BRIDGE_ADDRESS", server.address()), command.toArray(String[]::new));
  }

  // ---- samdp's envs for Python users --------------------------------------------------------------------------

  @Test
  void gymnasiumCheckEnvPassesOnEverySamdpEnvThroughThePythonClient() throws Exception {
    try (PythonProcess checks = clientChecks(javaServer, "check-all")) {
      List<JsonNode> results = checks.allJson(PATIENCE);
      JsonNode table = results.get(0);
      assertTrue(table.get("table_matches").asBoolean(), "samdp_bridge.SAMDP_ENVS differs from the Java registry; "
          + "update it in proto/python/samdp_bridge/__init__.py. Served: " + table.get("served") + ", Python: "
          + table.get("python_table"));
      List<String> checked = new ArrayList<>();
      for (JsonNode result : results.subList(1, results.size())) {
        assertTrue(result.get("ok").asBoolean(), result.toString());
        for (JsonNode warning : result.get("warnings")) {
          // What Gymnasium also says of its own envs; anything else (a dtype, a determinism warning) fails.
          assertTrue(EXPECTED_WARNINGS.stream().anyMatch(warning.asText()::contains), result.get("id") + ": "
              + warning.asText());
        }
        checked.add(result.get("id").asText());
      }
      assertEquals(EnvRegistry.builtinIds(), checked);
    }
  }

  @Test
  void aSeededEpisodeThroughThePythonClientIsTheLocalJavaOne() throws Exception {
    for (String id : List.of("CartPole-v1", "Hopper-v4")) {
      List<JsonNode> remote;
      try (PythonProcess episode = clientChecks(javaServer, "episode", id, "42", "300")) {
        remote = episode.allJson(PATIENCE);
      }
      List<Object> actions = new ArrayList<>();
      for (JsonNode transition : remote) {
        if (transition.has("action")) {
          actions.add(transition.get("action").isArray() ? doubles(transition.get("action"))
              : (Object) transition.get("action").asInt());
        }
      }
      try (Env<?, ?> local = EnvRegistry.make(id)) {
        List<Episodes.Transition> expected = playUntyped(local, actions);
        assertEquals(expected.size(), remote.size(), id);
        for (int t = 0; t < expected.size(); t++) {
          Episodes.Transition e = expected.get(t);
          JsonNode r = remote.get(t);
          String where = id + " transition " + t;
          assertArrayEquals((double[]) e.observation(), doubles(r.get("obs")), where);
          assertEquals(e.reward(), r.get("reward").asDouble(), 0.0, where);
          assertEquals(e.terminated(), r.get("terminated").asBoolean(), where);
          assertEquals(e.truncated(), r.get("truncated").asBoolean(), where);
          assertTrue(Episodes.deepEquals(e.info(), JSON.convertValue(r.get("info"), Map.class)), where + ": "
              + e.info() + " vs " + r.get("info"));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Episodes.Transition> playUntyped(Env<?, ?> env, List<Object> actions) {
    return Episodes.play((Env<Object, Object>) env, 42, actions);
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  // ---- Gymnasium's envs for samdp ------------------------------------------------------------------------------

  @Test
  void samdpsEnvCheckerPassesOnClassicControlAndPongServedFromPython() {
    List<String> ids = new ArrayList<>(CLASSIC_CONTROL);
    ids.add("ALE/Pong-v5");
    for (String id : ids) {
      List<CheckResult> results = EnvChecker.check(() -> EnvRegistry.make(pythonAddress + "/" + id));
      assertTrue(EnvChecker.passed(results), id + ": " + results);
    }
    try (Env<?, ?> pong = EnvRegistry.make(pythonAddress + "/ALE/Pong-v5")) {
      assertEquals(new Box(new double[4 * 84 * 84], filled(4 * 84 * 84, 255), new int[] {4, 84, 84},
          org.samdp.envs.spaces.DType.UINT8), pong.observationSpace());
      assertEquals(2, ((RemoteEnv<?, ?>) pong).serverWrappers().size());
    }
  }

  private static double[] filled(int n, double value) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void aSeededEpisodeThroughTheJavaClientIsTheLocalGymnasiumOne() throws Exception {
    for (String id : List.of("CartPole-v1", "Pendulum-v1", "ALE/Pong-v5")) {
      try (Env<?, ?> remote = EnvRegistry.make(pythonAddress + "/" + id)) {
        List<Object> actions = new ArrayList<>(Episodes.sampledActions(remote, 11, id.startsWith("ALE") ? 120 : 250));
        List<Episodes.Transition> bridged = playUntyped(remote, actions);
        List<JsonNode> local;
        try (PythonProcess gym = PythonProcess.start(Map.of(),
            PythonProcess.script("gym_local_episode.py", scripts).toString(), id, "42")) {
          gym.send(JSON.writeValueAsString(actions));
          gym.closeInput();
          local = gym.allJson(PATIENCE);
        }
        Box box = (Box) remote.observationSpace();
        assertEquals(local.size(), bridged.size(), id);
        for (int t = 0; t < local.size(); t++) {
          Episodes.Transition b = bridged.get(t);
          JsonNode l = local.get(t);
          String where = id + " transition " + t;
          assertEquals(l.get("obs_sha256").asText(), sha256(box, (double[]) b.observation()), where);
          assertEquals(l.get("reward").asDouble(), b.reward(), 0.0, where);
          assertEquals(l.get("terminated").asBoolean(), b.terminated(), where);
          assertEquals(l.get("truncated").asBoolean(), b.truncated(), where);
          assertTrue(Episodes.deepEquals(JSON.convertValue(l.get("info"), Map.class), b.info()), where + ": "
              + l.get("info") + " vs " + b.info());
        }
      }
    }
  }

  private static String sha256(Box box, double[] observation) throws Exception {
    byte[] bytes = Tensors.encode(observation, box.shape(), Spaces.dtype(box.dtype())).getData().toByteArray();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void batchedStepsOnThePythonServerMatchSamdpsVectorEnv() {
    List<Integer> actions = List.of(0, 1, 1);
    for (AutoresetMode mode : List.of(AutoresetMode.NEXT_STEP, AutoresetMode.SAME_STEP)) {
      @SuppressWarnings("unchecked")
      RemoteVectorEnv<double[], Integer> batched = (RemoteVectorEnv<double[], Integer>) RemoteVectorEnv.open(
          pythonAddress + "/CartPole-v1", 3, mode);
      List<Env<double[], Integer>> envs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        envs.add(EnvRegistry.makeDiscrete("CartPole-v1")); // samdp's CartPole is Gymnasium's, bit for bit
      }
      try (batched; SyncVectorEnv<double[], Integer> local = new SyncVectorEnv<>(envs, mode)) {
        local.reset(9L);
        batched.reset(9L);
        for (int t = 0; t < 40; t++) {
          VectorStep<double[]> expected = local.step(actions);
          VectorStep<double[]> actual = batched.step(actions);
          for (int i = 0; i < 3; i++) {
            String where = mode + " step " + t + " env " + i;
            assertArrayEquals(expected.observations().get(i), actual.observations().get(i), where);
            assertEquals(expected.rewards()[i], actual.rewards()[i], where);
            assertEquals(expected.terminated()[i], actual.terminated()[i], where);
            assertEquals(expected.truncated()[i], actual.truncated()[i], where);
            assertTrue(Episodes.deepEquals(expected.infos().get(i), actual.infos().get(i)), where + ": "
                + expected.infos().get(i) + " vs " + actual.infos().get(i));
          }
        }
      }
    }
  }

  // ---- failures ------------------------------------------------------------------------------------------------

  @Test
  void thePythonServerKilledMidEpisodeGivesTheJavaClientOneClearError() throws Exception {
    try (PythonProcess doomed = startPythonServer()) {
      String banner = doomed.nextLine(PATIENCE);
      Env<double[], Integer> env = EnvRegistry.makeDiscrete(banner.substring(banner.indexOf("grpc://"))
          + "/CartPole-v1");
      env.reset(0);
      env.step(1);
      doomed.kill();
      // Far below the 1-minute call deadline: the failure comes from the closed connection, not from waiting.
      BridgeException lost = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(BridgeException.class, () -> env.step(0)));
      assertEquals(Status.Code.UNAVAILABLE, lost.code());
      assertTrue(lost.getMessage().startsWith("lost the bridge server at 127.0.0.1:"), lost.getMessage());
      env.close();
    }
  }

  @Test
  void theJavaServerKilledMidEpisodeGivesThePythonClientOneClearError() throws Exception {
    BridgeServer doomed = BridgeServer.start(BridgeServer.Options.loopback(0));
    try (PythonProcess client = clientChecks(doomed, "hold", "Hopper-v4")) {
      assertTrue(client.nextJson(PATIENCE).get("ready").asBoolean());
      doomed.close();
      client.send("go\n");
      JsonNode outcome = client.nextJson(PATIENCE);
      assertEquals("BridgeError", outcome.get("error_type").asText(), outcome.toString());
      assertTrue(outcome.get("message").asText().startsWith("lost the bridge server at 127.0.0.1:"),
          outcome.toString());
      // The failure comes from the closed connection, far below the client's 60 s call deadline.
      assertTrue(outcome.get("seconds").asDouble() < 20, outcome.toString());
    } finally {
      doomed.close();
    }
  }

  @Test
  void aPythonClientThatDiesHasItsSessionClosedOnTheJavaServer() throws Exception {
    int before = javaServer.sessionCount();
    try (PythonProcess client = clientChecks(javaServer, "hold", "Hopper-v4")) {
      assertTrue(client.nextJson(PATIENCE).get("ready").asBoolean());
      assertEquals(before + 1, javaServer.sessionCount());
      client.kill();
    }
    Episodes.await("the Java server closed the dead client's session", () -> javaServer.sessionCount() == before,
        Duration.ofSeconds(30));
  }

  @Test
  void thePythonServerTakesCommaSeparatedIdsAsSamdpsServerDoes() throws Exception {
    // An unknown id after a comma is reported by name, so the value was split (unsplit, the whole value is unknown).
    try (PythonProcess server = PythonProcess.start(Map.of(), "-m", "samdp_bridge.server", "--host", "127.0.0.2",
        "--port", "0", "--envs", "CartPole-v1,CartPole-v9")) {
      assertThrows(AssertionError.class, () -> server.nextLine(PATIENCE), "the server started");
      Episodes.await("the server named the unknown id", () -> server.stderr().contains(
          "unknown environment id 'CartPole-v9'"), Duration.ofSeconds(10));
    }
  }

  @Test
  void thePythonServerAnswersBadInputWithStatusCodesAndMessages() {
    ManagedChannel channel = NettyChannelBuilder.forTarget(pythonAddress.substring("grpc://".length()))
        .usePlaintext().build();
    try {
      EnvBridgeGrpc.EnvBridgeBlockingStub stub = EnvBridgeGrpc.newBlockingStub(channel)
          .withDeadlineAfter(60, TimeUnit.SECONDS);
      assertStatus(Status.Code.NOT_FOUND, "did you mean", () -> stub.makeEnv(make("CartPole-v9")));
      assertStatus(Status.Code.INVALID_ARGUMENT, "env_id", () -> stub.makeEnv(MakeEnvRequest.getDefaultInstance()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "gravity", () -> stub.makeEnv(make("CartPole-v1").toBuilder()
          .setKwargs(ValueMap.newBuilder().addEntries(ValueMap.Entry.newBuilder().setKey("gravity")
              .setValue(Value.newBuilder().setFloatValue(1)))).build()));
      assertStatus(Status.Code.NOT_FOUND, "no session", () -> stub.reset(ResetRequest.newBuilder()
          .setSessionId("nope").build()));
      String session = stub.makeEnv(make("CartPole-v1")).getSessionId();
      assertStatus(Status.Code.FAILED_PRECONDITION, "reset", () -> stub.step(StepRequest.newBuilder()
          .setSessionId(session).setAction(Tensors.encode(new double[] {0}, new int[0], DType.DTYPE_INT64)).build()));
      stub.reset(ResetRequest.newBuilder().setSessionId(session).setSeed(1).build());
      assertStatus(Status.Code.INVALID_ARGUMENT, "integer scalar", () -> stub.step(StepRequest.newBuilder()
          .setSessionId(session).setAction(Tensors.encode(new double[] {0, 1}, new int[] {2}, DType.DTYPE_INT64))
          .build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "outside Discrete(2)", () -> stub.step(StepRequest.newBuilder()
          .setSessionId(session).setAction(Tensors.encode(new double[] {5}, new int[0], DType.DTYPE_INT64)).build()));
    } finally {
      channel.shutdownNow();
    }
  }

  private static MakeEnvRequest make(String id) {
    return MakeEnvRequest.newBuilder().setEnvId(id).build();
  }

  private static void assertStatus(Status.Code code, String messagePart, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getMessage());
    assertTrue(e.getStatus().getDescription().contains(messagePart), e.getStatus().getDescription());
  }
}
