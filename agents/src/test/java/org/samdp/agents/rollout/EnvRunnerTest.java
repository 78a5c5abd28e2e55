package org.samdp.agents.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvRunnerTest {

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
    try (EnvRunner original = EnvRunner.make("Pendulum-v1", 2, 11);
        EnvRunner resumed = EnvRunner.make("Pendulum-v1", 2, 11)) {
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
  void episodesAreSeededSoTwoRunnersAgree() {
    try (EnvRunner a = EnvRunner.make("CartPole-v1", 3, 5); EnvRunner b = EnvRunner.make("CartPole-v1", 3, 5)) {
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(a.observations()[i], b.observations()[i]);
      }
      assertTrue(a.observations()[0][0] != a.observations()[1][0]);
    }
  }

  @Test
  void unsupportedSpacesAndBadActionsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnvRunner.make("FrozenLake-v1", 1, 0));
    assertTrue(e.getMessage().contains("unknown environment id") || e.getMessage().contains("Box"), e.getMessage());
    try (EnvRunner runner = EnvRunner.make("CartPole-v1", 1, 0)) {
      assertThrows(IllegalArgumentException.class, () -> runner.step(new double[][] {{0.5}}));
    }
  }
}
