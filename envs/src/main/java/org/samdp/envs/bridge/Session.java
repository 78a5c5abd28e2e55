package org.samdp.envs.bridge;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.vector.SyncVectorEnv;
import org.samdp.envs.vector.VectorStep;
import org.samdp.proto.bridge.v1.ResetRequest;
import org.samdp.proto.bridge.v1.ResetResponse;
import org.samdp.proto.bridge.v1.StepBatchRequest;
import org.samdp.proto.bridge.v1.StepBatchResponse;
import org.samdp.proto.bridge.v1.StepRequest;
import org.samdp.proto.bridge.v1.StepResponse;
import org.samdp.proto.bridge.v1.Tensor;
import org.samdp.proto.bridge.v1.Value;
import org.samdp.proto.bridge.v1.ValueList;

/**
 * One client's environment on the server: a single env, or a vector of copies. Calls on one session run one at a
 * time; closing waits for a running call and frees the env (and its native memory) at once.
 */
final class Session {
  private final String id;
  private final Object owner;
  private final String envId;
  private final Env<Object, Object> env;
  private final SyncVectorEnv<Object, Object> vector;
  private volatile long lastUsedNanos = System.nanoTime();
  private boolean closed;

  private Session(String id, Object owner, String envId, Env<Object, Object> env,
      SyncVectorEnv<Object, Object> vector) {
    this.id = id;
    this.owner = owner;
    this.envId = envId;
    this.env = env;
    this.vector = vector;
  }

  static Session single(String id, Object owner, String envId, Env<Object, Object> env) {
    return new Session(id, owner, envId, env, null);
  }

  static Session vector(String id, Object owner, String envId, SyncVectorEnv<Object, Object> vector) {
    return new Session(id, owner, envId, null, vector);
  }

  /** The connection that made this session, or null if the transport did not say. */
  Object owner() {
    return owner;
  }

  long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  Space<Object> observationSpace() {
    return env != null ? env.observationSpace() : vector.singleObservationSpace();
  }

  Space<Object> actionSpace() {
    return env != null ? env.actionSpace() : vector.singleActionSpace();
  }

  synchronized ResetResponse reset(ResetRequest request) {
    ensureOpen();
    touch();
    Long seed = request.hasSeed() ? request.getSeed() : null;
    Map<String, Object> options = Values.decodeMap(request.getOptions());
    ResetResponse.Builder response = ResetResponse.newBuilder();
    if (env != null) {
      Reset<Object> reset = env.reset(seed, options);
      response.setObservation(Spaces.encode(observationSpace(), reset.observation()))
          .setInfo(Values.encode(reset.info(), "info"));
    } else {
      if (!options.isEmpty()) {
        throw new IllegalArgumentException("a vector session takes no reset options, got " + options.keySet());
      }
      if (seed != null && seed < 0) {
        throw new IllegalArgumentException(envId + ": seed must be a non-negative integer, got " + seed);
      }
      List<Reset<Object>> resets = vector.reset(seed);
      List<Tensor> observations = new ArrayList<>();
      ValueList.Builder infos = ValueList.newBuilder();
      for (Reset<Object> reset : resets) {
        observations.add(Spaces.encode(observationSpace(), reset.observation()));
        infos.addItems(Values.encode(reset.info(), "info"));
      }
      response.setObservation(Tensors.stack(observations)).setInfo(Value.newBuilder().setListValue(infos));
    }
    touch();
    return response.build();
  }

  synchronized StepResponse step(StepRequest request) {
    ensureOpen();
    touch();
    if (env == null) {
      throw Status.FAILED_PRECONDITION.withDescription("session " + id + " holds " + vector.numEnvs()
          + " sub-envs of " + envId + "; step them with StepBatch").asRuntimeException();
    }
    Object action = Spaces.decode(actionSpace(), request.getAction(), "the action");
    Step<Object> step = env.step(action);
    touch();
    return StepResponse.newBuilder().setObservation(Spaces.encode(observationSpace(), step.observation()))
        .setReward(step.reward()).setTerminated(step.terminated()).setTruncated(step.truncated())
        .setInfo(Values.encode(step.info(), "info")).build();
  }

  synchronized StepBatchResponse stepBatch(StepBatchRequest request) {
    ensureOpen();
    touch();
    if (vector == null) {
      throw Status.FAILED_PRECONDITION.withDescription("session " + id + " holds a single " + envId
          + "; step it with Step (make it with num_envs > 1 for StepBatch)").asRuntimeException();
    }
    List<Object> actions = new ArrayList<>();
    for (Tensor action : Tensors.unstack(request.getActions(), vector.numEnvs())) {
      actions.add(Spaces.decode(actionSpace(), action, "action " + actions.size()));
    }
    VectorStep<Object> step = vector.step(actions);
    StepBatchResponse.Builder response = StepBatchResponse.newBuilder();
    List<Tensor> observations = new ArrayList<>();
    for (int i = 0; i < vector.numEnvs(); i++) {
      observations.add(Spaces.encode(observationSpace(), step.observations().get(i)));
      response.addRewards(step.rewards()[i]).addTerminated(step.terminated()[i]).addTruncated(step.truncated()[i])
          .addInfos(Values.encode(step.infos().get(i), "info"));
    }
    touch();
    return response.setObservations(Tensors.stack(observations)).build();
  }

  /** Frees the env; later calls find no session. Safe to call twice. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (env != null) {
      env.close();
    } else {
      vector.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw Status.NOT_FOUND.withDescription("session " + id + " (" + envId + ") was closed; make the env again")
          .asRuntimeException();
    }
  }

  private void touch() {
    lastUsedNanos = System.nanoTime();
  }
}
