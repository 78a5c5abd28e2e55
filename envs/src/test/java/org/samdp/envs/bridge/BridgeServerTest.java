package org.samdp.envs.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;
import org.samdp.envs.check.EnvChecker;
import org.samdp.envs.classic.CartPole;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.envs.vector.SyncVectorEnv;
import org.samdp.envs.vector.VectorStep;
import org.samdp.proto.bridge.v1.DType;
import org.samdp.proto.bridge.v1.EnvBridgeGrpc;
import org.samdp.proto.bridge.v1.MakeEnvRequest;
import org.samdp.proto.bridge.v1.ResetRequest;
import org.samdp.proto.bridge.v1.StepBatchRequest;
import org.samdp.proto.bridge.v1.StepRequest;
import org.samdp.proto.bridge.v1.Tensor;
import org.samdp.proto.bridge.v1.Value;
import org.samdp.proto.bridge.v1.ValueMap;

/** samdp's bridge server with samdp's Java client, over real loopback connections. */
class BridgeServerTest {
  /** An env whose closes are counted, to see the server free sessions. */
  private static final String TRACKED = "BridgeTest/Tracked-v0";
  private static final AtomicInteger TRACKED_CLOSES = new AtomicInteger();

  private static BridgeServer server;

  @BeforeAll
  static void start() {
    EnvRegistry.register(new EnvSpec(TRACKED, 0, Double.NaN, false), kwargs -> new Wrapper<>(new CartPole()) {
      @Override
      public void close() {
        TRACKED_CLOSES.incrementAndGet();
        super.close();
      }
    });
    server = BridgeServer.start(BridgeServer.Options.loopback(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String url(String id) {
    return server.address() + "/" + id;
  }

  @Test
  @Tag("native") // Hopper-v4: MuJoCo
  void aSeededEpisodeThroughTheBridgeIsTheLocalOneBitForBit() {
    for (String id : List.of("CartPole-v1", "Hopper-v4")) {
      try (Env<?, ?> local = EnvRegistry.make(id); Env<?, ?> remote = EnvRegistry.make(url(id))) {
        assertInstanceOf(RemoteEnv.class, remote);
        assertEquals(local.observationSpace(), remote.observationSpace(), id);
        assertEquals(local.actionSpace(), remote.actionSpace(), id);
        assertEquals(local.spec().maxEpisodeSteps(), remote.spec().maxEpisodeSteps(), id);
        compareEpisodes(local, remote, 400);
      }
    }
  }

  private static <A> void compareEpisodes(Env<?, A> local, Env<?, ?> remote, int steps) {
    List<A> actions = Episodes.sampledActions(local, 7, steps);
    @SuppressWarnings("unchecked")
    Env<?, A> typedRemote = (Env<?, A>) remote;
    Episodes.assertSame(Episodes.play(local, 42, actions), Episodes.play(typedRemote, 42, actions));
  }

  @Test
  void remoteEnvsWorkInsideALocalVectorEnvAndBatchedOnTheServer() {
    int n = 3;
    List<Integer> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      actions.add(i % 2);
    }
    for (AutoresetMode mode : List.of(AutoresetMode.NEXT_STEP, AutoresetMode.SAME_STEP)) {
      try (SyncVectorEnv<double[], Integer> local = vector(n, mode, () -> EnvRegistry.makeDiscrete("CartPole-v1"));
          SyncVectorEnv<double[], Integer> overRemotes = vector(n, mode,
              () -> EnvRegistry.makeDiscrete(url("CartPole-v1")));
          RemoteVectorEnv<?, ?> batched = RemoteVectorEnv.open(url("CartPole-v1"), n, mode)) {
        @SuppressWarnings("unchecked")
        RemoteVectorEnv<double[], Integer> typedBatched = (RemoteVectorEnv<double[], Integer>) batched;
        local.reset(5L);
        overRemotes.reset(5L);
        typedBatched.reset(5L);
        for (int t = 0; t < 60; t++) { // constant actions topple the poles: episodes end and autoreset
          VectorStep<double[]> expected = local.step(actions);
          assertSameVectorStep(expected, overRemotes.step(actions), mode + " step " + t);
          assertSameVectorStep(expected, typedBatched.step(actions), mode + " batched step " + t);
        }
      }
    }
  }

  private static SyncVectorEnv<double[], Integer> vector(int n, AutoresetMode mode,
      java.util.function.Supplier<Env<double[], Integer>> factory) {
    List<Env<double[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      envs.add(factory.get());
    }
    return new SyncVectorEnv<>(envs, mode);
  }

  private static void assertSameVectorStep(VectorStep<double[]> expected, VectorStep<double[]> actual, String where) {
    for (int i = 0; i < expected.rewards().length; i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected.observations().get(i),
          actual.observations().get(i), where);
      assertEquals(expected.rewards()[i], actual.rewards()[i], where);
      assertEquals(expected.terminated()[i], actual.terminated()[i], where);
      assertEquals(expected.truncated()[i], actual.truncated()[i], where);
      assertTrue(Episodes.deepEquals(expected.infos().get(i), actual.infos().get(i)), where + ": "
          + expected.infos().get(i) + " vs " + actual.infos().get(i));
    }
  }

  @Test
  void aRemoteEnvPassesTheEnvChecker() {
    assertTrue(EnvChecker.passed(EnvChecker.check(() -> EnvRegistry.make(url("Pendulum-v1")))));
  }

  @Test
  @Tag("native") // Hopper-v4: MuJoCo
  void manySessionsAtOnceEachGetTheirOwnEnv() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        long seed = k;
        runs.add(pool.submit(() -> {
          try (Env<?, ?> local = EnvRegistry.make("Hopper-v4"); Env<?, ?> remote = EnvRegistry.make(url("Hopper-v4"))) {
            List<double[]> actions = Episodes.sampledActions(EnvRegistry.makeContinuous("Hopper-v4"), seed, 100);
            @SuppressWarnings("unchecked")
            Env<?, double[]> l = (Env<?, double[]>) local;
            @SuppressWarnings("unchecked")
            Env<?, double[]> r = (Env<?, double[]>) remote;
            Episodes.assertSame(Episodes.play(l, seed, actions), Episodes.play(r, seed, actions));
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void infoValuesCrossUnchanged() {
    Map<String, Object> info = new java.util.LinkedHashMap<>();
    info.put("episode", Map.of("r", 12.5, "l", 7, "t", 0.25));
    info.put("final_obs", new double[] {1.5, -2.0});
    info.put("frames", new NdArray("uint8", new int[] {2, 2}, new double[] {0, 255, 3, 4}));
    info.put("big", Long.MAX_VALUE);
    info.put("flag", true);
    info.put("none", null);
    info.put("name", "x");
    info.put("list", List.of(1, "two", 3.0));
    Map<String, Object> decoded = Values.decodeInfo(Values.encode(info, "info"));
    for (String key : info.keySet()) {
      assertTrue(Episodes.deepEquals(info.get(key), decoded.get(key)), key + ": " + decoded.get(key));
    }
    assertEquals(info.keySet(), decoded.keySet());
  }

  @Test
  void remoteIdsParse() {
    RemoteId id = RemoteId.parse("grpc://10.0.0.5:7000/ALE/Pong-v5?frameskip=4&repeat_action_probability=0.0"
        + "&full_action_space=false&mode=easy&max_episode_steps=1000");
    assertEquals("10.0.0.5:7000", id.target());
    assertEquals("ALE/Pong-v5", id.envId());
    assertEquals(Map.of("frameskip", 4L, "repeat_action_probability", 0.0, "full_action_space", false, "mode", "easy"),
        id.kwargs());
    assertEquals(1000, id.maxEpisodeSteps());
    assertTrue(RemoteId.parse("grpcs://[::1]:1/CartPole-v1").tls());
    assertEquals("[::1]:1", RemoteId.parse("grpcs://[::1]:1/CartPole-v1").target());
    for (String bad : List.of("grpc://host/CartPole-v1", "grpc://host:x/CartPole-v1", "grpc://host:1/",
        "grpc://host:1/CartPole-v1?novalue")) {
      assertThrows(IllegalArgumentException.class, () -> RemoteId.parse(bad), bad);
    }
  }

  /** Bytes that are no request message: INVALID_ARGUMENT, like any other malformed request, not UNKNOWN. */
  @Test
  void rawGarbageIsAnInvalidArgument() {
    ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.port()).usePlaintext().build();
    try {
      MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
      MethodDescriptor<byte[], byte[]> step = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("samdp.bridge.v1.EnvBridge/Step")
          .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
      byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0a, 0x7f, 0x01};
      assertStatus(Status.Code.INVALID_ARGUMENT, "is not a samdp.bridge.v1.EnvBridge/Step message",
          () -> ClientCalls.blockingUnaryCall(channel, step,
              CallOptions.DEFAULT.withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS), garbage));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void badInputGetsStatusCodesWithMessages() {
    ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.port()).usePlaintext().build();
    try {
      EnvBridgeGrpc.EnvBridgeBlockingStub stub = EnvBridgeGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
      assertStatus(Status.Code.NOT_FOUND, "did you mean CartPole-v1", () -> stub.makeEnv(make("CartPole-v9")));
      assertStatus(Status.Code.INVALID_ARGUMENT, "env_id", () -> stub.makeEnv(MakeEnvRequest.getDefaultInstance()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "does not take argument", () -> stub.makeEnv(make("CartPole-v1")
          .toBuilder().setKwargs(ValueMap.newBuilder().addEntries(ValueMap.Entry.newBuilder().setKey("gravity")
              .setValue(Value.newBuilder().setFloatValue(1)))).build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "num_envs", () -> stub.makeEnv(make("CartPole-v1").toBuilder()
          .setNumEnvs(-1).build()));
      assertStatus(Status.Code.NOT_FOUND, "no session", () -> stub.step(StepRequest.newBuilder()
          .setSessionId("nope").setAction(scalar(0)).build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "session_id", () -> stub.reset(ResetRequest.getDefaultInstance()));

      String session = stub.makeEnv(make("CartPole-v1")).getSessionId();
      assertStatus(Status.Code.FAILED_PRECONDITION, "reset() before step()",
          () -> stub.step(StepRequest.newBuilder().setSessionId(session).setAction(scalar(0)).build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "non-negative",
          () -> stub.reset(ResetRequest.newBuilder().setSessionId(session).setSeed(-1).build()));
      stub.reset(ResetRequest.newBuilder().setSessionId(session).setSeed(1).build());
      assertStatus(Status.Code.INVALID_ARGUMENT, "integer scalar",
          () -> stub.step(StepRequest.newBuilder().setSessionId(session)
              .setAction(Tensors.encode(new double[] {0.5}, new int[0], DType.DTYPE_FLOAT64)).build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "outside Discrete(2)",
          () -> stub.step(StepRequest.newBuilder().setSessionId(session).setAction(scalar(2)).build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, "needs 8 bytes", () -> stub.step(StepRequest.newBuilder()
          .setSessionId(session).setAction(Tensor.newBuilder().setDtype(DType.DTYPE_INT64)
              .setData(ByteString.copyFrom(new byte[3]))).build()));
      assertStatus(Status.Code.FAILED_PRECONDITION, "StepBatch", () -> stub.stepBatch(StepBatchRequest.newBuilder()
          .setSessionId(session).setActions(scalar(0)).build()));
      stub.step(StepRequest.newBuilder().setSessionId(session).setAction(scalar(1)).build());
    } finally {
      channel.shutdownNow();
    }
  }

  private static MakeEnvRequest make(String id) {
    return MakeEnvRequest.newBuilder().setEnvId(id).build();
  }

  private static Tensor scalar(long value) {
    return Tensors.encode(new double[] {value}, new int[0], DType.DTYPE_INT64);
  }

  private static void assertStatus(Status.Code code, String messagePart, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getMessage());
    assertTrue(e.getStatus().getDescription().contains(messagePart), e.getStatus().getDescription());
  }

  @Test
  void theJavaClientRefusesBadActionsAndUnknownIdsWithOneClearError() {
    try (Env<double[], Integer> env = EnvRegistry.makeDiscrete(url("CartPole-v1"))) {
      env.reset(0);
      assertThrows(InvalidActionException.class, () -> env.step(2));
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> EnvRegistry.make(url("CartPole-v9")));
    assertTrue(unknown.getMessage().contains("unknown environment id 'CartPole-v9'"), unknown.getMessage());
  }

  @Test
  void aClientThatDisappearsHasItsSessionClosedAndItsEnvFreed() throws Exception {
    int closesBefore = TRACKED_CLOSES.get();
    int sessionsBefore = server.sessionCount();
    ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.port()).usePlaintext().build();
    EnvBridgeGrpc.EnvBridgeBlockingStub stub = EnvBridgeGrpc.newBlockingStub(channel);
    String session = stub.makeEnv(make(TRACKED)).getSessionId();
    stub.reset(ResetRequest.newBuilder().setSessionId(session).setSeed(0).build());
    assertEquals(sessionsBefore + 1, server.sessionCount());
    channel.shutdownNow(); // the connection ends without a Close, as when a client process dies
    Episodes.await("the server closed the session", () -> TRACKED_CLOSES.get() == closesBefore + 1,
        Duration.ofSeconds(20));
    assertEquals(sessionsBefore, server.sessionCount());
  }

  @Test
  void sessionsIdlePastTheTimeoutAreClosed() throws Exception {
    int closesBefore = TRACKED_CLOSES.get();
    try (BridgeServer impatient = BridgeServer.start(BridgeServer.Options.loopback(0)
        .withIdleTimeout(Duration.ofMillis(300)))) {
      Env<?, ?> env = EnvRegistry.make(impatient.address() + "/" + TRACKED);
      env.reset(0L, Map.of());
      Episodes.await("the idle session was closed", () -> TRACKED_CLOSES.get() == closesBefore + 1,
          Duration.ofSeconds(20));
      assertEquals(0, impatient.sessionCount());
      BridgeException gone = assertThrows(BridgeException.class, env::reset);
      assertEquals(Status.Code.NOT_FOUND, gone.code());
      env.close();
    }
  }

  @Test
  @Tag("native") // Hopper-v4: MuJoCo
  void aServerKilledMidEpisodeGivesOneClearErrorAtOnce() {
    BridgeServer doomed = BridgeServer.start(BridgeServer.Options.loopback(0));
    Env<double[], double[]> env = EnvRegistry.makeContinuous(doomed.address() + "/Hopper-v4");
    env.reset(0);
    env.step(new double[3]);
    doomed.close();
    // Far below the 1-minute call deadline: the failure comes from the closed connection, not from waiting.
    BridgeException lost = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(BridgeException.class, () -> env.step(new double[3])));
    assertEquals(Status.Code.UNAVAILABLE, lost.code());
    assertTrue(lost.getMessage().startsWith("lost the bridge server at 127.0.0.1:"), lost.getMessage());
    env.close(); // the session is gone with the server; closing must not throw
  }

  @Test
  void noServerAtTheAddressIsOneClearError() {
    BridgeException none = assertThrows(BridgeException.class, () -> EnvRegistry.make("grpc://127.0.0.1:1/Hopper-v4"));
    assertTrue(none.getMessage().startsWith("no bridge server answers at 127.0.0.1:1"), none.getMessage());
  }

  @Test
  @Tag("native") // runs openssl to make the certificate
  void tlsServesClientsThatTrustItsCertificate(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertEquals(0, openssl.waitFor(), output);
    assertTrue(Files.size(cert) > 0);
    try (BridgeServer secure = BridgeServer.start(BridgeServer.Options.loopback(0).withTls(cert, key))) {
      assertTrue(secure.address().startsWith("grpcs://"));
      try (Env<?, ?> env = RemoteEnv.open(RemoteId.parse(secure.address() + "/CartPole-v1"), cert)) {
        @SuppressWarnings("unchecked")
        Env<?, Integer> typed = (Env<?, Integer>) env;
        typed.reset(3L, Map.of());
        Step<?> step = typed.step(1);
        assertEquals(1.0, step.reward());
      }
      String plaintext = "grpc://127.0.0.1:" + secure.port() + "/CartPole-v1";
      // The server logs the failed handshake with its stack trace; that is expected here.
      java.util.logging.Logger netty = java.util.logging.Logger.getLogger("io.grpc.netty.shaded");
      java.util.logging.Level level = netty.getLevel();
      netty.setLevel(java.util.logging.Level.OFF);
      try {
        assertThrows(BridgeException.class, () -> EnvRegistry.make(plaintext));
      } finally {
        netty.setLevel(level);
      }
    }
  }
}
