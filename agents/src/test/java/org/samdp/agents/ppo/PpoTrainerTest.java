package org.samdp.agents.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.MetricsCsv;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingDivergedException;
import org.samdp.agents.run.TrainingSession;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

/** Checkpoints, resumption and bad input, on tiny runs of a few seconds. */
class PpoTrainerTest {
  @TempDir
  Path dir;

  /** Four iterations of 256 steps of SA-PPO with SGLD on two Pendulum envs: every kind of state a run carries. */
  private static PpoConfig tiny(String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=1024", "numEnvs=2", "ppo.stepsPerIteration=256",
        "ppo.epochs=2", "robust.kappa=0.1", "robust.eps=0.05", "run.checkpointEvery=2"));
    sets.addAll(List.of(overrides));
    return Algorithms.PPO.config("Pendulum-v1", null, sets);
  }

  @Test
  void aResumedRunContinuesTheSameLearningCurveBitForBit() {
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    try (TrainingSession trainer = Algorithms.SA_PPO.start(tiny(), whole, List.of(), List.of())) {
      trainer.train();
    }
    try (TrainingSession trainer = Algorithms.SA_PPO.start(tiny(), interrupted, List.of(), List.of(crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    assertEquals(3, MetricsCsv.read(interrupted.resolve("metrics.csv")).size());
    try (TrainingSession trainer = Algorithms.SA_PPO.resume(interrupted, List.of("test"), List.of())) {
      assertEquals(2, trainer.iteration(), "resumes from the checkpoint of iteration 2");
      trainer.train();
    }
    List<List<String>> expected = curve(whole, PpoTrainer.METRICS);
    assertEquals(4, expected.size());
    assertEquals(expected, curve(interrupted, PpoTrainer.METRICS));
  }

  @Test
  void aCheckpointedPolicyLoadsWithoutTheTrainerAndActsIdentically() {
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.SA_PPO.start(tiny("totalSteps=512"), run, List.of(), List.of());
        NDManager manager = NDManager.newBaseManager()) {
      trainer.train();
      Path checkpoint = Checkpoints.resolve(run);
      assertEquals("iter-000002", checkpoint.getFileName().toString());
      Policy loaded = Policies.load(checkpoint, manager);
      Policy trained = trainer.policy();
      double[][] raw = new double[16][3];
      SplitMix64 random = new SplitMix64(4);
      for (double[] row : raw) {
        for (int i = 0; i < row.length; i++) {
          row[i] = 2 * random.nextGaussian();
        }
      }
      NDArray x = trained.normalize(manager, raw);
      NDArray y = loaded.normalize(manager, raw);
      assertArrayEquals(x.toFloatArray(), y.toFloatArray());
      assertArrayEquals(trained.actDeterministic(x).toFloatArray(), loaded.actDeterministic(y).toFloatArray());
      assertArrayEquals(sampled(trained, x, 1).toFloatArray(),
          sampled(loaded, y, 1).toFloatArray());
      assertTrue(Files.isRegularFile(run.resolve("config.yaml")));
      assertTrue(Files.isRegularFile(run.resolve("provenance.json")));
    }
  }

  @Test
  void aNanLossStopsNamingTheIterationAndTheLastGoodCheckpoint() {
    TrainingCallback poison = new TrainingCallback() {
      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport report) {
        // σ = e^100 overflows float32: sampled actions are infinite and their log-probabilities NaN.
        ((GaussianPolicy) trainer.policy()).logStd().set(new float[] {100f});
      }
    };
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.SA_PPO.start(tiny("run.checkpointEvery=1"), run, List.of(),
        List.of(poison))) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
      assertTrue(e.getMessage().contains("in iteration 2"), e.getMessage());
      assertTrue(e.getMessage().contains(run.resolve("checkpoints").resolve("iter-000001").toString()),
          e.getMessage());
    }
  }

  @Test
  void badConfigurationsAreRejectedByKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> tiny("robust.eps=-0.1"));
    assertTrue(e.getMessage().contains("robust.eps must be >= 0"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> tiny("ppo.clipp=0.1"));
    assertTrue(e.getMessage().contains("unknown config key 'ppo.clipp'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> tiny("ppo.epochs=many"));
    assertTrue(e.getMessage().contains("'ppo.epochs' expects an integer"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> tiny("robust.solver=pgd"));
    assertTrue(e.getMessage().contains("'robust.solver' expects one of [SGLD, CONVEX]"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> tiny("ppo.minibatchSize=100"));
    assertTrue(e.getMessage().contains("multiple of ppo.minibatchSize"), e.getMessage());
  }

  @Test
  void aRunDirectoryIsNotOverwrittenAndAnEmptyOneCannotBeResumed() {
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.SA_PPO.start(tiny("totalSteps=256"), run, List.of(), List.of())) {
      trainer.train();
    }
    assertThrows(IllegalArgumentException.class, () -> Algorithms.SA_PPO.start(tiny(), run, List.of(), List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Algorithms.SA_PPO.resume(dir.resolve("nothing"), List.of("test"), List.of()));
    assertTrue(e.getMessage().contains("holds no run to resume"), e.getMessage());
  }

  /** Actions sampled by a feed-forward policy with a fresh generator of {@code seed}. */
  private static NDArray sampled(Policy policy, NDArray x, long seed) {
    return policy.act(x, PolicyState.NONE, new boolean[Math.toIntExact(x.getShape().get(0))], false,
        new SplitMix64(seed)).actions();
  }
}
