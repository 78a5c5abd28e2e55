package org.samdp.envs.bridge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.samdp.envs.Env;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.Reset;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.proto.bridge.v1.ResetResponse;
import org.samdp.proto.bridge.v1.StepResponse;

/**
 * An environment on a bridge server (samdp's Java server, or the Python server around any {@code gymnasium.make}
 * env), used like a local one: in training loops, wrappers, {@link org.samdp.envs.vector.SyncVectorEnv}, the env
 * checker. {@link org.samdp.envs.EnvRegistry#make} returns one for remote ids ({@link RemoteId} lists the forms):
 *
 * <pre>{@code
 * try (Env<?, ?> pong = EnvRegistry.make("grpc://127.0.0.1:50051/ALE/Pong-v5")) { ... }
 * }</pre>
 *
 * <p>Actions are checked against the action space here, before they travel. The server applies the time limit. A
 * server that goes away makes the next call throw one {@link BridgeException}; no call waits past its deadline.
 */
public final class RemoteEnv<O, A> implements Env<O, A> {
  private final BridgeClient client;
  private final Space<O> observationSpace;
  private final Space<A> actionSpace;

  @SuppressWarnings("unchecked")
  private RemoteEnv(BridgeClient client) {
    this.client = client;
    this.observationSpace = (Space<O>) client.observationSpace();
    this.actionSpace = (Space<A>) client.actionSpace();
  }

  /** Makes the env a remote id names, with the default deadlines and trust. */
  public static Env<?, ?> open(RemoteId id) {
    return new RemoteEnv<>(new BridgeClient(id, 0, AutoresetMode.NEXT_STEP, BridgeClient.Options.defaults()));
  }

  /**
   * Makes the env a remote id names, as {@link org.samdp.envs.EnvRegistry#make(String, Map, Integer)} does for local
   * ids: {@code kwargs} and {@code maxEpisodeSteps} add to (and override) those in the id's query string.
   */
  public static Env<?, ?> open(String remoteId, Map<String, Object> kwargs, Integer maxEpisodeSteps) {
    RemoteId parsed = RemoteId.parse(remoteId);
    Map<String, Object> merged = new java.util.LinkedHashMap<>(parsed.kwargs());
    merged.putAll(kwargs);
    return open(new RemoteId(parsed.host(), parsed.port(), parsed.tls(), parsed.envId(), merged,
        maxEpisodeSteps != null ? maxEpisodeSteps : parsed.maxEpisodeSteps()));
  }

  /** Like {@link #open(RemoteId)}, trusting the CA certificates in {@code trustedCa} for a {@code grpcs://} server. */
  public static Env<?, ?> open(RemoteId id, java.nio.file.Path trustedCa) {
    BridgeClient.Options defaults = BridgeClient.Options.defaults();
    return new RemoteEnv<>(new BridgeClient(id, 0, AutoresetMode.NEXT_STEP,
        new BridgeClient.Options(defaults.makeDeadline(), defaults.callDeadline(), trustedCa)));
  }

  @Override
  public Reset<O> reset(Long seed, Map<String, Object> options) {
    Objects.requireNonNull(options, "options must not be null; pass Map.of()");
    ResetResponse response = client.reset(seed, options);
    return new Reset<>(observation(response.getObservation()), Values.decodeInfo(response.getInfo()));
  }

  @Override
  public org.samdp.envs.Step<O> step(A action) {
    String why = actionSpace.actionViolation(action);
    if (why != null) {
      throw new InvalidActionException(client.id() + ": invalid action: " + why);
    }
    StepResponse response = client.step(Spaces.encodeAction(actionSpace, action));
    return new org.samdp.envs.Step<>(observation(response.getObservation()), response.getReward(),
        response.getTerminated(), response.getTruncated(), Values.decodeInfo(response.getInfo()));
  }

  @SuppressWarnings("unchecked")
  private O observation(org.samdp.proto.bridge.v1.Tensor tensor) {
    return (O) Spaces.decode(observationSpace, tensor, "the server's observation");
  }

  @Override
  public Space<O> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<A> actionSpace() {
    return actionSpace;
  }

  /** The remote registration, under this env's remote id. */
  @Override
  public EnvSpec spec() {
    return client.spec();
  }

  /** What the server wrapped around the env (e.g. Atari preprocessing), outermost last. */
  public List<String> serverWrappers() {
    return client.serverWrappers();
  }

  @Override
  public Env<?, ?> unwrapped() {
    return this;
  }

  /** Closes the session on the server; safe to call twice, and when the server is already gone. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "RemoteEnv(" + client.id() + ")";
  }
}
