package org.samdp.envs.bridge;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.proto.bridge.v1.CloseRequest;
import org.samdp.proto.bridge.v1.EnvBridgeGrpc;
import org.samdp.proto.bridge.v1.MakeEnvRequest;
import org.samdp.proto.bridge.v1.MakeEnvResponse;
import org.samdp.proto.bridge.v1.ResetRequest;
import org.samdp.proto.bridge.v1.ResetResponse;
import org.samdp.proto.bridge.v1.StepBatchRequest;
import org.samdp.proto.bridge.v1.StepBatchResponse;
import org.samdp.proto.bridge.v1.StepRequest;
import org.samdp.proto.bridge.v1.StepResponse;
import org.samdp.proto.bridge.v1.Tensor;

/**
 * One session on a bridge server: made on construction, closed by {@link #close()}. Every call carries a deadline, and
 * every failure becomes one exception that says what happened: {@link IllegalArgumentException} for what the server
 * refused as invalid (an unknown env id, bad kwargs), {@link IllegalStateException} for a call out of order, and
 * {@link BridgeException} for a server that is gone, too slow, or failing.
 */
final class BridgeClient implements AutoCloseable {

  /**
   * Deadlines and trust.
   *
   * @param makeDeadline how long MakeEnv may take (loading a model or a ROM)
   * @param callDeadline how long any other call may take
   * @param trustedCa a PEM file of CAs to trust for {@code grpcs://} servers, or null for the system's
   */
  record Options(Duration makeDeadline, Duration callDeadline, Path trustedCa) {
    /** 2 minutes to make, 1 minute per call, the CA file named by {@code SAMDP_BRIDGE_CA} if set. */
    static Options defaults() {
      String ca = System.getenv(RemoteId.CA_VARIABLE);
      return new Options(Duration.ofMinutes(2), Duration.ofMinutes(1),
          ca == null || ca.isBlank() ? null : Path.of(ca));
    }
  }

  private final RemoteId id;
  private final Options options;
  private final ManagedChannel channel;
  private final EnvBridgeGrpc.EnvBridgeBlockingStub stub;
  private final MakeEnvResponse made;
  private final Space<?> observationSpace;
  private final Space<?> actionSpace;
  private final EnvSpec spec;
  private boolean closed;

  BridgeClient(RemoteId id, int numEnvs, AutoresetMode autoresetMode, Options options) {
    this.id = id;
    this.options = options;
    this.channel = BridgeChannels.acquire(id, options.trustedCa());
    this.stub = EnvBridgeGrpc.newBlockingStub(channel);
    MakeEnvRequest.Builder request = MakeEnvRequest.newBuilder().setEnvId(id.envId())
        .setKwargs(Values.encodeMap(id.kwargs())).setNumEnvs(numEnvs)
        .setAutoresetMode(switch (autoresetMode) {
          case NEXT_STEP -> org.samdp.proto.bridge.v1.AutoresetMode.AUTORESET_MODE_NEXT_STEP;
          case SAME_STEP -> org.samdp.proto.bridge.v1.AutoresetMode.AUTORESET_MODE_SAME_STEP;
          case DISABLED -> throw new IllegalArgumentException("remote vector envs autoreset (NEXT_STEP or "
              + "SAME_STEP); DISABLED is not offered over the bridge");
        });
    if (id.maxEpisodeSteps() != null) {
      request.setMaxEpisodeSteps(id.maxEpisodeSteps());
    }
    try {
      this.made = call("make", options.makeDeadline(), s -> s.makeEnv(request.build()));
      this.observationSpace = Spaces.read(made.getObservationSpace());
      this.actionSpace = Spaces.read(made.getActionSpace());
    } catch (RuntimeException e) {
      BridgeChannels.release(channel);
      throw e;
    }
    org.samdp.proto.bridge.v1.EnvSpec remote = made.getSpec();
    this.spec = new EnvSpec(id.toString(), remote.hasMaxEpisodeSteps() ? remote.getMaxEpisodeSteps() : 0,
        remote.hasRewardThreshold() ? remote.getRewardThreshold() : Double.NaN, remote.getNondeterministic());
  }

  RemoteId id() {
    return id;
  }

  Space<?> observationSpace() {
    return observationSpace;
  }

  Space<?> actionSpace() {
    return actionSpace;
  }

  EnvSpec spec() {
    return spec;
  }

  int numEnvs() {
    return made.getNumEnvs();
  }

  /** What the server wrapped around the env (e.g. Atari preprocessing), outermost last. */
  java.util.List<String> serverWrappers() {
    return made.getWrappersList();
  }

  ResetResponse reset(Long seed, Map<String, Object> resetOptions) {
    ResetRequest.Builder request = ResetRequest.newBuilder().setSessionId(made.getSessionId())
        .setOptions(Values.encodeMap(resetOptions));
    if (seed != null) {
      request.setSeed(seed);
    }
    return call("reset", options.callDeadline(), s -> s.reset(request.build()));
  }

  StepResponse step(Tensor action) {
    StepRequest request = StepRequest.newBuilder().setSessionId(made.getSessionId()).setAction(action).build();
    return call("step", options.callDeadline(), s -> s.step(request));
  }

  StepBatchResponse stepBatch(Tensor actions) {
    StepBatchRequest request = StepBatchRequest.newBuilder().setSessionId(made.getSessionId()).setActions(actions)
        .build();
    return call("step", options.callDeadline(), s -> s.stepBatch(request));
  }

  /** Closes the session on the server (if it is still there) and lets go of the connection. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stub.withDeadlineAfter(5, TimeUnit.SECONDS)
          .close(CloseRequest.newBuilder().setSessionId(made.getSessionId()).build());
    } catch (StatusRuntimeException gone) {
      // The server or the connection is gone, and the session with it: nothing left to close.
    } finally {
      BridgeChannels.release(channel);
    }
  }

  private <T> T call(String what, Duration deadline, Function<EnvBridgeGrpc.EnvBridgeBlockingStub, T> rpc) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(id + " is closed; make the env again");
      }
    }
    try {
      return rpc.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw translate(e, what, deadline);
    }
  }

  private RuntimeException translate(StatusRuntimeException e, String what, Duration deadline) {
    Status status = e.getStatus();
    String detail = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    String server = "the bridge server at " + id.target();
    return switch (status.getCode()) {
      case INVALID_ARGUMENT -> new IllegalArgumentException(detail, e);
      case NOT_FOUND -> what.equals("make") ? new IllegalArgumentException(server + ": " + detail, e)
          : new BridgeException(server + ": " + detail, status.getCode(), e);
      case FAILED_PRECONDITION -> new IllegalStateException(server + ": " + detail, e);
      case UNAVAILABLE -> new BridgeException(what.equals("make")
          ? "no bridge server answers at " + id.target() + " (" + detail + "); start one (`samdp bridge serve` for "
              + "samdp envs, `python -m samdp_bridge.server` for Gymnasium envs) or fix the address"
          : "lost " + server + " during " + what + " of " + id.envId() + " (" + detail + "); the episode cannot go "
              + "on: restart the server and make the env again", status.getCode(), e);
      case DEADLINE_EXCEEDED -> new BridgeException(server + " did not answer " + what + " of " + id.envId()
          + " within " + deadline.toSeconds() + " s; it is stuck or overloaded", status.getCode(), e);
      default -> new BridgeException(server + " failed " + what + " of " + id.envId() + ": " + status.getCode()
          + ": " + detail, status.getCode(), e);
    };
  }
}
