package org.samdp.envs.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.samdp.envs.InvalidActionException;
import org.samdp.envs.Reset;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.vector.AutoresetMode;
import org.samdp.envs.vector.VectorStep;
import org.samdp.proto.bridge.v1.ResetResponse;
import org.samdp.proto.bridge.v1.StepBatchResponse;
import org.samdp.proto.bridge.v1.Tensor;
import org.samdp.proto.bridge.v1.Value;

/**
 * Several copies of a remote env stepped by one call per step ({@code StepBatch}): the server runs them as a vector
 * env with Gymnasium's autoreset, so the results are what {@link org.samdp.envs.vector.SyncVectorEnv} would give
 * locally. Use it when round trips dominate; a {@code SyncVectorEnv} over {@link RemoteEnv}s works too, at one round
 * trip per sub-env.
 */
public final class RemoteVectorEnv<O, A> implements AutoCloseable {
  private final BridgeClient client;
  private final Space<O> observationSpace;
  private final Space<A> actionSpace;

  @SuppressWarnings("unchecked")
  private RemoteVectorEnv(BridgeClient client) {
    this.client = client;
    this.observationSpace = (Space<O>) client.observationSpace();
    this.actionSpace = (Space<A>) client.actionSpace();
  }

  /** {@code numEnvs} copies of the env a remote id names ({@link RemoteId} lists the forms). */
  public static RemoteVectorEnv<?, ?> open(String remoteId, int numEnvs, AutoresetMode mode) {
    if (numEnvs <= 0) {
      throw new IllegalArgumentException("number of envs must be positive, got " + numEnvs);
    }
    return new RemoteVectorEnv<>(new BridgeClient(RemoteId.parse(remoteId), numEnvs, mode,
        BridgeClient.Options.defaults()));
  }

  public int numEnvs() {
    return client.numEnvs();
  }

  public Space<A> singleActionSpace() {
    return actionSpace;
  }

  /** Resets every sub-env; with a seed, sub-env i gets {@code seed + i}. */
  public List<Reset<O>> reset(Long seed) {
    ResetResponse response = client.reset(seed, Map.of());
    List<O> observations = observations(response.getObservation());
    List<Value> infos = infos(response.getInfo());
    List<Reset<O>> resets = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      resets.add(new Reset<>(observations.get(i), Values.decodeInfo(infos.get(i))));
    }
    return resets;
  }

  /** Steps every sub-env with its action (one per sub-env, in order). */
  public VectorStep<O> step(List<A> actions) {
    if (actions.size() != numEnvs()) {
      throw new IllegalArgumentException("got " + actions.size() + " actions for " + numEnvs() + " envs");
    }
    List<Tensor> encoded = new ArrayList<>();
    for (A action : actions) {
      String why = actionSpace.actionViolation(action);
      if (why != null) {
        throw new InvalidActionException(client.id() + ": invalid action " + encoded.size() + ": " + why);
      }
      encoded.add(Spaces.encodeAction(actionSpace, action));
    }
    StepBatchResponse response = client.stepBatch(Tensors.stack(encoded));
    int n = numEnvs();
    if (response.getRewardsCount() != n || response.getTerminatedCount() != n || response.getTruncatedCount() != n
        || response.getInfosCount() != n) {
      throw new BridgeException("the server answered a step of " + n + " envs with a different number of results",
          io.grpc.Status.Code.INTERNAL, null);
    }
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    List<Map<String, Object>> infos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rewards[i] = response.getRewards(i);
      terminated[i] = response.getTerminated(i);
      truncated[i] = response.getTruncated(i);
      infos.add(Values.decodeInfo(response.getInfos(i)));
    }
    return new VectorStep<>(observations(response.getObservations()), rewards, terminated, truncated, infos);
  }

  @SuppressWarnings("unchecked")
  private List<O> observations(Tensor stacked) {
    List<O> observations = new ArrayList<>();
    for (Tensor one : Tensors.unstack(stacked, numEnvs())) {
      observations.add((O) Spaces.decode(observationSpace, one, "the server's observation"));
    }
    return observations;
  }

  private List<Value> infos(Value info) {
    if (info.getKindCase() != Value.KindCase.LIST_VALUE || info.getListValue().getItemsCount() != numEnvs()) {
      throw new BridgeException("the server's vector reset info is not a list of " + numEnvs() + " maps",
          io.grpc.Status.Code.INTERNAL, null);
    }
    return info.getListValue().getItemsList();
  }

  @Override
  public void close() {
    client.close();
  }
}
