package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.TrainingSession;

/** Recurrent PPO and SA-PPO: sequences split at episode ends, and a resumed run continues bit for bit. */
class RecurrentPpoTest {
  @TempDir
  Path dir;

  /**
   * Four iterations of 256 steps on two envs, gradients truncated every 16 steps, sequences in two minibatches: the
   * rollouts end mid-episode (Pendulum's 200 steps) or hold several episodes (CartPole's early ends).
   */
  private static PpoConfig tiny(Algorithm<PpoConfig> algorithm, String env, String cell, String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=1024", "numEnvs=2", "ppo.stepsPerIteration=256",
        "ppo.minibatchSize=128", "ppo.epochs=2", "recurrent.cell=" + cell, "recurrent.embedding=16",
        "recurrent.hidden=16", "recurrent.historyLength=16", "robust.eps=0.05", "robust.sgldSteps=2",
        "run.checkpointEvery=2"));
    sets.addAll(List.of(overrides));
    return algorithm.config(env, null, sets);
  }

  @Test
  void sequencesSplitAfterEachEpisodeEndEnvByEnv() {
    boolean[] ended = new boolean[8]; // 4 steps of 2 envs, time-major
    ended[2] = true; // env 0 ends at step 1
    ended[5] = true; // env 1 ends at step 2
    ended[6] = true; // env 0 ends at its last step
    assertEquals(List.of(new Sequence(0, 0, 2), new Sequence(0, 2, 2), new Sequence(1, 0, 3), new Sequence(1, 3, 1)),
        Sequence.split(ended, 2));
    assertEquals(7, new Sequence(1, 3, 1).sample(0, 2));
  }

  /** @return the learning curve of the uninterrupted run */
  private List<List<String>> resumesBitForBit(Algorithm<PpoConfig> algorithm, PpoConfig config) {
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    try (TrainingSession trainer = algorithm.start(config, whole, List.of(), List.of())) {
      trainer.train();
      assertTrue(trainer.policy() instanceof RecurrentPolicy);
    }
    try (TrainingSession trainer = algorithm.start(config, interrupted, List.of(), List.of(crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    try (TrainingSession trainer = algorithm.resume(interrupted, List.of("test"), List.of())) {
      assertEquals(2, trainer.iteration(), "resumes from the checkpoint of iteration 2");
      trainer.train();
    }
    List<List<String>> expected = curve(whole, PpoTrainer.METRICS);
    assertEquals(4, expected.size());
    assertEquals(expected, curve(interrupted, PpoTrainer.METRICS));
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy a = Policies.load(Checkpoints.resolve(whole), manager);
      Policy b = Policies.load(Checkpoints.resolve(interrupted), manager);
      for (int i = 0; i < a.parameters().size(); i++) {
        assertArrayEquals(a.parameters().get(i).toFloatArray(), b.parameters().get(i).toFloatArray());
      }
    }
    return expected;
  }

  @Test
  void aResumedLstmSaPpoRunWithSgldOnSequencesContinuesBitForBit() {
    // A wide ball: the embedding's gain of 0.01 makes the KL of a small one vanish in float32's KL formula.
    List<List<String>> curve = resumesBitForBit(Algorithms.SA_PPO,
        tiny(Algorithms.SA_PPO, "Pendulum-v1", "lstm", "robust.kappa=0.1", "robust.eps=1"));
    double regularizer = Double.parseDouble(curve.get(3).get(PpoTrainer.METRICS.indexOf("robust/regularizer")));
    assertTrue(regularizer > 0 && Double.isFinite(regularizer), "SGLD finds a KL on the sequences: " + curve.get(3));
  }

  @Test
  void anLstmSaPpoRunTakesTheConvexBoundOnSequences() {
    // One iteration of one minibatch: two sequences of 32 steps, each in two chunks.
    PpoConfig config = tiny(Algorithms.SA_PPO, "Pendulum-v1", "lstm", "totalSteps=64", "ppo.stepsPerIteration=64",
        "ppo.minibatchSize=64", "ppo.epochs=1", "robust.kappa=0.1", "robust.solver=convex", "run.evalEpisodes=0");
    try (TrainingSession trainer = Algorithms.SA_PPO.start(config, dir, List.of(), List.of())) {
      trainer.train();
    }
    List<String> row = curve(dir, PpoTrainer.METRICS).get(0);
    double regularizer = Double.parseDouble(row.get(PpoTrainer.METRICS.indexOf("robust/regularizer")));
    assertTrue(regularizer > 0 && Double.isFinite(regularizer), "the bound is positive over a ball: " + row);
    assertEquals(0.0, Double.parseDouble(row.get(PpoTrainer.METRICS.indexOf("losses/skipped_steps"))), row.toString());
  }

  @Test
  void aResumedGruPpoRunOnCartPoleContinuesBitForBit() {
    resumesBitForBit(Algorithms.PPO, tiny(Algorithms.PPO, "CartPole-v1", "gru"));
  }

  @Test
  void recurrentCellsAreLstmOrGru() {
    ConfigException e = assertThrows(ConfigException.class, () -> tiny(Algorithms.PPO, "Pendulum-v1", "rnn"));
    assertTrue(e.getMessage().contains("recurrent.cell must be none, lstm or gru"), e.getMessage());
  }
}
