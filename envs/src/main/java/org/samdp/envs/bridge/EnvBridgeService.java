package org.samdp.envs.bridge;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.envs.vector.SyncVectorEnv;
import org.samdp.proto.bridge.v1.CloseRequest;
import org.samdp.proto.bridge.v1.CloseResponse;
import org.samdp.proto.bridge.v1.EnvBridgeGrpc;
import org.samdp.proto.bridge.v1.ListEnvsRequest;
import org.samdp.proto.bridge.v1.ListEnvsResponse;
import org.samdp.proto.bridge.v1.MakeEnvRequest;
import org.samdp.proto.bridge.v1.MakeEnvResponse;
import org.samdp.proto.bridge.v1.ResetRequest;
import org.samdp.proto.bridge.v1.ResetResponse;
import org.samdp.proto.bridge.v1.StepBatchRequest;
import org.samdp.proto.bridge.v1.StepBatchResponse;
import org.samdp.proto.bridge.v1.StepRequest;
import org.samdp.proto.bridge.v1.StepResponse;

/** The bridge service over samdp's registry: one {@link Session} per MakeEnv. */
final class EnvBridgeService extends EnvBridgeGrpc.EnvBridgeImplBase {
  /** The connection a call came in on (set by {@link BridgeServer}'s interceptor). */
  static final Context.Key<Object> TRANSPORT = Context.key("samdp-bridge-transport");

  /** The most sub-envs one vector session may hold. */
  static final int MAX_NUM_ENVS = 1024;

  private final Set<String> served;
  private final java.util.concurrent.Executor slowCalls;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * Serves {@code served} ids, or every registered id when it is null.
   *
   * @param slowCalls runs MakeEnv (loading a model can take a while), off the transport's threads that the server
   *     runs the quick calls on
   */
  EnvBridgeService(Set<String> served, java.util.concurrent.Executor slowCalls) {
    this.served = served;
    this.slowCalls = slowCalls;
  }

  int sessionCount() {
    return sessions.size();
  }

  @Override
  public void listEnvs(ListEnvsRequest request, StreamObserver<ListEnvsResponse> responses) {
    respond(responses, () -> {
      ListEnvsResponse.Builder response = ListEnvsResponse.newBuilder();
      for (EnvSpec spec : EnvRegistry.specs()) {
        if (served == null || served.contains(spec.id())) {
          response.addSpecs(describe(spec));
        }
      }
      return response.build();
    });
  }

  @Override
  public void makeEnv(MakeEnvRequest request, StreamObserver<MakeEnvResponse> responses) {
    slowCalls.execute(Context.current().wrap(() -> respond(responses, () -> make(request))));
  }

  private MakeEnvResponse make(MakeEnvRequest request) {
    String id = request.getEnvId();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("MakeEnv needs an env_id (`samdp envs list` shows them)");
    }
    EnvSpec registered = EnvRegistry.spec(id); // unknown ids (and URLs: no proxying) fail here with suggestions
    if (served != null && !served.contains(id)) {
      throw Status.NOT_FOUND.withDescription("this server serves only " + served + ", not " + id
          + " (start it with --envs to serve more)").asRuntimeException();
    }
    int numEnvs = request.getNumEnvs();
    if (numEnvs < 0 || numEnvs > MAX_NUM_ENVS) {
      throw new IllegalArgumentException("num_envs must be between 0 and " + MAX_NUM_ENVS + ", got "
          + request.getNumEnvs());
    }
    Map<String, Object> kwargs = Values.decodeMap(request.getKwargs());
    Integer maxSteps = request.hasMaxEpisodeSteps() ? request.getMaxEpisodeSteps() : null;
    Supplier<Env<Object, Object>> factory = () -> untyped(EnvRegistry.make(id, kwargs, maxSteps));
    String sessionId = newSessionId();
    Object owner = TRANSPORT.get();
    Session session;
    if (numEnvs == 0) {
      session = Session.single(sessionId, owner, id, factory.get());
    } else {
      List<Env<Object, Object>> envs = new ArrayList<>();
      try {
        for (int i = 0; i < numEnvs; i++) {
          envs.add(factory.get());
        }
      } catch (RuntimeException e) {
        envs.forEach(Env::close);
        throw e;
      }
      AutoresetMode mode = switch (request.getAutoresetMode()) {
        case AUTORESET_MODE_SAME_STEP -> AutoresetMode.SAME_STEP;
        case AUTORESET_MODE_NEXT_STEP -> AutoresetMode.NEXT_STEP;
        default -> throw new IllegalArgumentException("unknown autoreset mode " + request.getAutoresetModeValue());
      };
      session = Session.vector(sessionId, owner, id, new SyncVectorEnv<>(envs, mode));
    }
    MakeEnvResponse response;
    try {
      EnvSpec spec = new EnvSpec(id, maxSteps == null ? registered.maxEpisodeSteps() : Math.max(maxSteps, 0),
          registered.rewardThreshold(), registered.nondeterministic());
      response = MakeEnvResponse.newBuilder().setSessionId(sessionId).setSpec(describe(spec))
          .setObservationSpace(Spaces.describe(session.observationSpace()))
          .setActionSpace(Spaces.describe(session.actionSpace())).setNumEnvs(numEnvs).build();
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    sessions.put(sessionId, session);
    return response;
  }

  @Override
  public void reset(ResetRequest request, StreamObserver<ResetResponse> responses) {
    respond(responses, () -> session(request.getSessionId()).reset(request));
  }

  @Override
  public void step(StepRequest request, StreamObserver<StepResponse> responses) {
    respond(responses, () -> session(request.getSessionId()).step(request));
  }

  @Override
  public void stepBatch(StepBatchRequest request, StreamObserver<StepBatchResponse> responses) {
    respond(responses, () -> session(request.getSessionId()).stepBatch(request));
  }

  @Override
  public void close(CloseRequest request, StreamObserver<CloseResponse> responses) {
    respond(responses, () -> {
      Session session = sessions.remove(request.getSessionId());
      if (session != null) {
        session.close();
      }
      return CloseResponse.getDefaultInstance();
    });
  }

  /** Closes every session made over {@code transport} (its client went away). */
  void closeSessionsOf(Object transport) {
    sessions.values().removeIf(session -> {
      if (session.owner() != transport) {
        return false;
      }
      session.close();
      return true;
    });
  }

  /** Closes sessions unused for longer than {@code idleNanos}. */
  void closeIdleSessions(long idleNanos) {
    sessions.values().removeIf(session -> {
      if (session.idleNanos() <= idleNanos) {
        return false;
      }
      session.close();
      return true;
    });
  }

  void closeAll() {
    sessions.values().removeIf(session -> {
      session.close();
      return true;
    });
  }

  private Session session(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("the request names no session_id; call MakeEnv first");
    }
    Session session = sessions.get(id);
    if (session == null) {
      throw Status.NOT_FOUND.withDescription("no session '" + id + "' on this server: it was closed, its client's "
          + "connection ended, it sat idle past the server's idle timeout, or it never existed; make the env again")
          .asRuntimeException();
    }
    return session;
  }

  private String newSessionId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static org.samdp.proto.bridge.v1.EnvSpec describe(EnvSpec spec) {
    org.samdp.proto.bridge.v1.EnvSpec.Builder described = org.samdp.proto.bridge.v1.EnvSpec.newBuilder()
        .setId(spec.id()).setNondeterministic(spec.nondeterministic());
    if (spec.maxEpisodeSteps() > 0) {
      described.setMaxEpisodeSteps(spec.maxEpisodeSteps());
    }
    if (!Double.isNaN(spec.rewardThreshold())) {
      described.setRewardThreshold(spec.rewardThreshold());
    }
    return described.build();
  }

  @SuppressWarnings("unchecked")
  private static Env<Object, Object> untyped(Env<?, ?> env) {
    return (Env<Object, Object>) env;
  }

  /** Runs a call and answers with its result, or with the status its exception maps to. */
  private static <T> void respond(StreamObserver<T> responses, Supplier<T> call) {
    T response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      responses.onError(status(e).asRuntimeException());
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }

  /** The status a failure maps to (see the proto file's header for the contract). */
  static Status status(RuntimeException e) {
    if (e instanceof StatusRuntimeException statusException) {
      return statusException.getStatus();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof EnvRegistry.UnknownEnvException) {
      return Status.NOT_FOUND.withDescription(message);
    } else if (e instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT.withDescription(message);
    } else if (e instanceof IllegalStateException) {
      return Status.FAILED_PRECONDITION.withDescription(message);
    }
    return Status.INTERNAL.withDescription("the environment failed: " + e.getClass().getName() + ": " + message)
        .withCause(e);
  }
}
