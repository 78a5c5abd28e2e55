package org.samdp.agents.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;

class EpisodeLoopTest {

  private static double[][] actions(SplitMix64 random, int envs) {
    double[][] actions = new double[envs][];
    for (int i = 0; i < envs; i++) {
      actions[i] = new double[] {4 * random.nextDouble() - 2};
    }
    return actions;
  }

  @Test
  void aRestoredRunnerContinuesWithTheSameObservationsAndEpisodes() {
    SplitMix64 random = new SplitMix64(3);
    List<double[][]> plan = new ArrayList<>();
    for (int t = 0; t < 700; t++) {
      plan.add(actions(random, 2));
    }
    try (EpisodeLoop original = EpisodeLoop.continuing(EnvSource.registered("Pendulum-v1"), 2, 11);
        EpisodeLoop resumed = EpisodeLoop.continuing(EnvSource.registered("Pendulum-v1"), 2, 11)) {
      for (int t = 0; t < 330; t++) {
        original.step(plan.get(t));
      }
      resumed.restore(original.state());
      int episodes = 0;
      for (int t = 330; t < 700; t++) {
        StepResult a = original.step(plan.get(t));
        StepResult b = resumed.step(plan.get(t));
        assertArrayEquals(a.rewards(), b.rewards());
        for (int i = 0; i < 2; i++) {
          assertArrayEquals(a.observations()[i], b.observations()[i]);
        }
        assertEquals(a.finished(), b.finished());
        episodes += a.finished().size();
      }
      assertEquals(4, episodes); // episodes of 200 steps end at 400 and 600
    }
  }

  @Test
  void restartedEpisodesAreDroppedUnreportedAndTheNextOnesRunWhole() {
    SplitMix64 random = new SplitMix64(4);
    try (EpisodeLoop loop = EpisodeLoop.continuing(EnvSource.registered("Pendulum-v1"), 2, 11);
        EpisodeLoop resumed = EpisodeLoop.continuing(EnvSource.registered("Pendulum-v1"), 2, 11)) {
      for (int t = 0; t < 150; t++) {
        assertTrue(loop.step(actions(random, 2)).finished().isEmpty());
      }
      loop.restartEpisodes();
      resumed.restore(loop.state());
      List<Episode> finished = new ArrayList<>();
      for (int t = 0; t < 200; t++) {
        double[][] actions = actions(random, 2);
        StepResult step = loop.step(actions);
        assertEquals(step.finished(), resumed.step(actions).finished());
        finished.addAll(step.finished());
      }
      // Pendulum's episodes last 200 steps: the second of each stream ran whole from the restart, the first is gone.
      assertEquals(2, finished.size());
      for (Episode episode : finished) {
        assertEquals(1, episode.index());
        assertEquals(200, episode.length());
      }
    }
  }

  @Test
  void episodesAreSeededSoTwoRunnersAgree() {
    try (EpisodeLoop a = EpisodeLoop.continuing(EnvSource.registered("CartPole-v1"), 3, 5);
        EpisodeLoop b = EpisodeLoop.continuing(EnvSource.registered("CartPole-v1"), 3, 5)) {
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(a.observations()[i], b.observations()[i]);
      }
      assertTrue(a.observations()[0][0] != a.observations()[1][0]);
    }
  }

  @Test
  void anAdversaryWithAStateOfItsOwnIsToldWhichRowsGoOn() {
    // CartPole episodes end at different steps; 5 episodes, 3 side by side: the batch narrows at the end.
    try (NDManager manager = NDManager.newBaseManager();
        EpisodeLoop loop = EpisodeLoop.episodes(EnvSource.registered("CartPole-v1"), 5, 3, 7)) {
      PolicySpec spec = new PolicySpec(PolicyKind.CATEGORICAL, List.of(4), NetworkSpec.mlp(List.of(4), "tanh", 2, 1.0),
          2);
      Policy policy = new CategoricalPolicy(spec, ObservationNormalizer.identity(4),
          spec.network().build(new Shape(4), manager, DataType.FLOAT32, 1));
      // Its own bookkeeping of which episode each row holds, kept by the two hooks alone.
      List<Long> rows = new ArrayList<>();
      long[] next = {0};
      int[] narrowed = {0};
      loop.withAdversary(new ObservationAdversary() {
        @Override
        public void onRowsKept(int[] kept) {
          List<Long> before = new ArrayList<>(rows);
          rows.clear();
          for (int row : kept) {
            rows.add(before.get(row));
          }
          narrowed[0]++;
        }

        @Override
        public void onEpisodeStart(boolean[] started) {
          for (int b = 0; b < started.length; b++) {
            if (b == rows.size()) {
              rows.add(-1L);
            }
            if (started[b]) {
              rows.set(b, next[0]++);
            }
          }
        }

        @Override
        public NDArray perturb(Policy victim, PolicyState state, NDArray states, ThreatModel threat) {
          assertEquals(Arrays.stream(loop.runningEpisodes()).boxed().toList(), rows);
          return states.duplicate();
        }
      }, ThreatModel.unbounded(0.1, 4));
      while (!loop.done()) {
        try (NDManager scope = manager.newSubManager()) {
          loop.step(scope, policy, (view, state, starts) -> policy.act(view, state, starts, true, null));
        }
      }
      assertEquals(5, next[0]);
      assertTrue(narrowed[0] >= 2, "the batch narrowed from 3 rows to 0 over at least two steps");
    }
  }

  /** A one-state env whose observations are Discrete, which the agents do not support. */
  private static Env<Integer, Integer> discreteObservations() {
    return new Env<>() {
      @Override
      public Reset<Integer> reset(Long seed, Map<String, Object> options) {
        return new Reset<>(0, Map.of());
      }

      @Override
      public Step<Integer> step(Integer action) {
        return new Step<>(0, 0, true, false, Map.of());
      }

      @Override
      public Space<Integer> observationSpace() {
        return new Discrete(1);
      }

      @Override
      public Space<Integer> actionSpace() {
        return new Discrete(2);
      }

      @Override
      public EnvSpec spec() {
        return EnvSpec.anonymous("OneState");
      }

      @Override
      public Env<?, ?> unwrapped() {
        return this;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void unsupportedSpacesAndBadActionsAreRejected() {
    IllegalArgumentException spaces = assertThrows(IllegalArgumentException.class,
        () -> EpisodeLoop.continuing(i -> discreteObservations(), 1, 0));
    assertEquals("OneState has observation space Discrete(1); the agents need a Box observation space",
        spaces.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EpisodeLoop.continuing(EnvSource.registered("FrozenLake-v1"), 1, 0));
    assertTrue(e.getMessage().contains("unknown environment id") || e.getMessage().contains("Box"), e.getMessage());
    try (EpisodeLoop runner = EpisodeLoop.continuing(EnvSource.registered("CartPole-v1"), 1, 0)) {
      assertThrows(IllegalArgumentException.class, () -> runner.step(new double[][] {{0.5}}));
    }
  }
}
