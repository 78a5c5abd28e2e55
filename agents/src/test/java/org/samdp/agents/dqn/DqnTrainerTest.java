package org.samdp.agents.dqn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.TrainingSession;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

/** Checkpoints, resumption and bad input, on tiny runs of a few seconds. */
class DqnTrainerTest {
  @TempDir
  Path dir;

  /**
   * Six iterations of 100 steps of SA-DQN with PGD on CartPole: prioritized replay that wraps around, a normaliser
   * frozen after the warm-up, target copies, the regulariser's ramp and PGD's random starts.
   */
  private static DqnConfig tiny(String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=600", "dqn.learningStarts=100", "dqn.batchSize=16",
        "dqn.targetUpdateInterval=50", "dqn.explorationSteps=200", "dqn.normalizeObservations=true",
        "network.kind=MLP", "network.hidden=[16]", "network.duelingHidden=8", "replay.capacity=250",
        "robust.kappa=0.1", "robust.eps=0.05", "robust.solver=PGD", "robust.warmupSteps=200",
        "robust.rampSteps=200", "run.stepsPerIteration=100", "run.checkpointEvery=2"));
    sets.addAll(List.of(overrides));
    return Algorithms.DQN.config("CartPole-v1", null, sets);
  }

  @Test
  void aResumedRunContinuesTheSameLearningCurveBitForBit() {
    for (String solver : List.of("PGD", "CONVEX")) {
      Path whole = dir.resolve("whole-" + solver);
      Path interrupted = dir.resolve("interrupted-" + solver);
      DqnConfig config = tiny("robust.solver=" + solver);
      try (TrainingSession trainer = Algorithms.DQN.start(config, whole, List.of(), List.of())) {
        trainer.train();
      }
      try (TrainingSession trainer = Algorithms.DQN.start(config, interrupted, List.of(), List.of(crashAfter(5)))) {
        assertThrows(IllegalStateException.class, trainer::train);
      }
      try (TrainingSession trainer = Algorithms.DQN.resume(interrupted, List.of("test"), List.of())) {
        assertEquals(4, trainer.iteration(), "resumes from the checkpoint of iteration 4");
        trainer.train();
      }
      List<List<String>> expected = curve(whole, DqnTrainer.METRICS);
      assertEquals(6, expected.size());
      int regularizer = DqnTrainer.METRICS.indexOf("robust/regularizer");
      assertTrue(!expected.get(5).get(regularizer).isEmpty(), "the regulariser ran");
      assertEquals(expected, curve(interrupted, DqnTrainer.METRICS), solver);
    }
  }

  @Test
  void importanceWeightingChangesTheRunOnlyOnceTheRegulariserStarts() {
    List<List<List<String>>> curves = new ArrayList<>();
    for (String weighted : List.of("false", "true")) {
      Path run = dir.resolve("weighted-" + weighted);
      try (TrainingSession trainer = Algorithms.DQN.start(tiny("robust.solver=CONVEX", "robust.importanceWeighted="
          + weighted), run, List.of(), List.of())) {
        trainer.train();
      }
      curves.add(curve(run, DqnTrainer.METRICS));
    }
    // Iterations 1 and 2 are the warm-up; the regulariser starts in iteration 3.
    assertEquals(curves.get(0).subList(0, 2), curves.get(1).subList(0, 2));
    int regularizer = DqnTrainer.METRICS.indexOf("robust/regularizer");
    assertTrue(!curves.get(0).get(2).get(regularizer).equals(curves.get(1).get(2).get(regularizer)),
        "the weights change the regulariser");
  }

  @Test
  void aCheckpointedPixelPolicyLoadsWithoutTheTrainerAndActsIdentically() {
    Path run = dir.resolve("run");
    DqnConfig config = Algorithms.DQN.config("MinAtar/Breakout-v1", null, List.of("totalSteps=300",
        "dqn.learningStarts=100", "dqn.batchSize=8", "network.convs=[{channels: 4, kernel: 3, stride: 1}]",
        "network.hidden=[16]", "network.duelingHidden=8", "replay.capacity=300", "run.stepsPerIteration=100"));
    try (TrainingSession trainer = Algorithms.DQN.start(config, run, List.of(), List.of());
        NDManager manager = NDManager.newBaseManager()) {
      trainer.train();
      Policy loaded = Policies.load(Checkpoints.resolve(run), manager);
      assertInstanceOf(QValuePolicy.class, loaded);
      Policy trained = trainer.policy();
      double[][] raw = new double[8][400];
      SplitMix64 random = new SplitMix64(4);
      for (double[] row : raw) {
        for (int i = 0; i < row.length; i++) {
          row[i] = random.nextDouble() < 0.1 ? 1 : 0;
        }
      }
      NDArray x = trained.normalize(manager, raw);
      assertEquals(new ai.djl.ndarray.types.Shape(8, 4, 10, 10), x.getShape());
      assertArrayEquals(trained.network().forward(x).toFloatArray(),
          loaded.network().forward(loaded.normalize(manager, raw)).toFloatArray());
      assertArrayEquals(trained.actDeterministic(x).toLongArray(), loaded.actDeterministic(x).toLongArray());
    }
  }

  @Test
  void badInputGetsOneClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(tiny("network.kind=CNN", "network.convs=[{channels: 4, kernel: 3, stride: 1}]")));
    assertTrue(e.getMessage().contains("network.kind is CNN but CartPole-v1 observes vectors"), e.getMessage());
    DqnConfig mlpOnPixels = Algorithms.DQN.config("MinAtar/Breakout-v1", null,
        List.of("network.kind=MLP", "network.hidden=[16]"));
    e = assertThrows(IllegalArgumentException.class, () -> trainer(mlpOnPixels));
    assertTrue(e.getMessage().contains("network.kind is MLP but MinAtar/Breakout-v1 observes images"),
        e.getMessage());
    DqnConfig wideBall = Algorithms.SA_DQN.config("MinAtar/Breakout-v1", null,
        List.of("robust.eps=1.5", "replay.capacity=64"));
    e = assertThrows(IllegalArgumentException.class, () -> trainer(wideBall));
    assertTrue(e.getMessage().contains("robust.eps: perturbation radius eps must be in [0, 1.0] for observations in"
        + " [0.0, 1.0]"), e.getMessage());
    ConfigException c = assertThrows(ConfigException.class, () -> tiny("replay.capacity=8"));
    assertTrue(c.getMessage().contains("replay.capacity (8) must be at least dqn.batchSize (16)"), c.getMessage());
    c = assertThrows(ConfigException.class, () -> tiny("robust.solver=sgld"));
    assertTrue(c.getMessage().contains("'robust.solver' expects one of [PGD, CONVEX]"), c.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Algorithms.DQN.config("Pendulum-v1", null, List.of("network.kind=MLP",
            "replay.capacity=64"))));
    assertTrue(e.getMessage().contains("DQN needs a Discrete action space"), e.getMessage());
  }

  private static DqnTrainer trainer(DqnConfig config) {
    return new DqnTrainer(config, EnvSource.registered(config.env()), null, List.of());
  }
}
