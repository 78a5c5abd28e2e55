package org.samdp.agents.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;

/** Recurrent policies act with their state, pause it for queries, reset it where episodes start, save and load. */
class RecurrentPolicyTest {
  private final NDManager manager = NDManager.newBaseManager();

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    manager.close();
  }

  private RecurrentPolicy cartPole(String cell) {
    RecurrentPolicy policy = RecurrentPolicy.create(PolicyKind.CATEGORICAL, 4, 2, cell, 16, 16, 0,
        ObservationNormalizer.identity(4), manager, 7);
    // Larger weights than the embedding's gain 0.01 gives, so that the history visibly matters.
    policy.parameters().forEach(p -> p.muli(30));
    return policy;
  }

  private static float[] means(ActionDistribution distribution) {
    return ((Categorical) distribution).logits().toFloatArray();
  }

  @Test
  void queryingPausesTheHistoryActingAdvancesItAndAnEpisodeStartResetsIt() {
    for (String cell : List.of("lstm", "gru")) {
      RecurrentPolicy policy = cartPole(cell);
      NDArray observations = manager.randomNormal(0, 1, new Shape(2, 4), DataType.FLOAT32);
      PolicyState state = policy.initialState(manager, 2);
      boolean[] none = {false, false};
      for (int t = 0; t < 3; t++) {
        state = policy.act(observations, state, none, true, null).next();
      }
      float[] queried = means(policy.distribution(observations, state));
      assertArrayEquals(queried, means(policy.distribution(observations, state)), "a query leaves the state alone");
      Acting acting = policy.act(observations, state, none, true, null);
      assertArrayEquals(queried, means(acting.distribution()), "acting reads the same state");
      float[] next = means(policy.distribution(observations, acting.next()));
      assertTrue(Math.abs(next[0] - queried[0]) > 1e-4, cell + ": acting advanced the state");

      Acting restarted = policy.act(observations, state, new boolean[] {true, false}, true, null);
      float[] fresh = means(policy.act(observations, policy.initialState(manager, 2), none, true, null)
          .distribution());
      float[] logits = means(restarted.distribution());
      assertArrayEquals(new float[] {fresh[0], fresh[1]}, new float[] {logits[0], logits[1]}, cell);
      assertArrayEquals(new float[] {queried[2], queried[3]}, new float[] {logits[2], logits[3]}, cell);
      assertThrows(UnsupportedOperationException.class, () -> policy.distribution(observations));
      assertThrows(UnsupportedOperationException.class, policy::network);
    }
  }

  /** One episode on one env, the state kept in a local variable. */
  private static Episode playByHand(Policy policy, long seed, NDManager manager) {
    try (Env<?, ?> raw = EnvRegistry.make("CartPole-v1"); NDManager scope = manager.newSubManager()) {
      @SuppressWarnings("unchecked")
      Env<double[], Integer> env = (Env<double[], Integer>) raw;
      double[] observation = env.reset(seed, Map.of()).observation();
      PolicyState state = policy.initialState(scope, 1);
      double total = 0;
      int length = 0;
      boolean done = false;
      while (!done) {
        Acting acting = policy.act(policy.normalize(scope, new double[][] {observation}), state,
            new boolean[] {length == 0}, true, null);
        state = acting.next();
        Step<double[]> step = env.step((int) acting.actions().toLongArray()[0]);
        observation = step.observation();
        total += step.reward();
        length++;
        done = step.done();
      }
      return new Episode(0, 0, seed, total, length);
    }
  }

  @Test
  void theEpisodeLoopThreadsTheStateThroughEpisodesSideBySideAndTheCheckpointActsTheSame() {
    RecurrentPolicy policy = cartPole("lstm");
    List<Episode> episodes = PolicyEvaluation.run(policy, EnvSource.registered("CartPole-v1"), 6, 3, true, manager);
    List<Integer> lengths = new ArrayList<>();
    for (Episode episode : episodes) {
      Episode byHand = playByHand(policy, episode.seed(), manager);
      assertEquals(byHand.length(), episode.length());
      lengths.add(episode.length());
    }
    assertTrue(lengths.stream().distinct().count() > 1, "episodes that differ: " + lengths);

    Policies.save(policy, dir);
    Policy loaded = Policies.load(dir, manager);
    assertTrue(loaded instanceof RecurrentPolicy && loaded.isStateful());
    assertEquals(episodes, PolicyEvaluation.run(loaded, EnvSource.registered("CartPole-v1"), 6, 3, true, manager));
  }

  /** Records what the victim's policy says, queried from the state the loop hands over, and perturbs nothing. */
  private static final class Recorder implements ObservationAdversary {
    final List<float[]> queried = new ArrayList<>();

    @Override
    public NDArray perturb(Policy victim, PolicyState victimState, NDArray states, ThreatModel threat) {
      queried.add(((DiagonalGaussian) victim.distribution(states, victimState)).mean().toFloatArray());
      return states.duplicate();
    }
  }

  @Test
  void anAdversaryQueriesTheStateTheAgentActsFromIncludingAtEpisodeStarts() {
    RecurrentPolicy policy = RecurrentPolicy.create(PolicyKind.GAUSSIAN, 3, 1, "lstm", 8, 8, 0,
        ObservationNormalizer.identity(3), manager, 2);
    policy.parameters().forEach(p -> p.muli(10));
    Recorder recorder = new Recorder();
    List<float[]> acted = new ArrayList<>();
    SplitMix64 random = new SplitMix64(1);
    try (EpisodeLoop loop = EpisodeLoop.continuing(EnvSource.registered("Pendulum-v1"), 2, 5)
        .withAdversary(recorder, ThreatModel.unbounded(0.1, 3))) {
      for (int t = 0; t < 450; t++) { // episodes of 200 steps: two restarts per env
        try (NDManager scope = manager.newSubManager()) {
          loop.step(scope, policy, (view, state, starts) -> {
            Acting acting = policy.act(view, state, starts, false, random);
            acted.add(((DiagonalGaussian) acting.distribution()).mean().toFloatArray());
            return acting;
          });
        }
      }
    }
    for (int t = 0; t < acted.size(); t++) {
      assertArrayEquals(acted.get(t), recorder.queried.get(t), "step " + t);
    }
  }
}
