package org.samdp.agents.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.rollout.Episode;

/** Evaluation during training: when it runs, which evaluation keeps the best checkpoint, and resumption. */
class TrainingEvaluationTest {
  @TempDir
  Path dir;

  @Test
  void anEvaluationIsDueAtTheEndOfEachIterationThatReachesAMultipleOfEvalEvery() {
    TrainingEvaluation evaluation = new TrainingEvaluation(1000, 5);
    assertFalse(evaluation.due(0, 768));
    assertTrue(evaluation.due(768, 1536));
    assertFalse(evaluation.due(1536, 1999));
    assertTrue(evaluation.due(1999, 2000));
    assertFalse(new TrainingEvaluation(1000, 0).due(768, 1536), "0 episodes: no evaluation");
  }

  @Test
  void onlyAStrictlyBetterEvaluationThatMayKeepOneKeepsTheBestCheckpoint() {
    TrainingEvaluation evaluation = new TrainingEvaluation(100, 2);
    List<Double> kept = new ArrayList<>();
    double[][] returns = {{10, 20}, {30, 40}, {30, 40}, {50, 60}, {5, 5}};
    boolean[] mayKeep = {true, true, true, false, true};
    for (int i = 0; i < returns.length; i++) {
      double mean = (returns[i][0] + returns[i][1]) / 2;
      evaluation.record(i + 1, 100L * (i + 1), episodes(returns[i]), mayKeep[i], () -> kept.add(mean));
    }
    assertEquals(List.of(15.0, 35.0), kept, "a tie does not replace the best; a run still ramping ε keeps none");
    assertEquals(35.0, evaluation.best());
  }

  @Test
  void aPpoRunEvaluatesKeepsItsBestOutOfPruningAndResumesWithTheReturnToBeat() {
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.PPO.start(tiny(), run, List.of(), List.of(RunFixtures.crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    assertEquals(3, MetricsCsv.read(run.resolve(TrainingEvaluation.FILE)).size(), "one evaluation per iteration");
    try (TrainingSession trainer = Algorithms.PPO.resume(run, List.of("test"), List.of())) {
      trainer.train();
    }
    List<String[]> rows = MetricsCsv.read(run.resolve(TrainingEvaluation.FILE));
    assertEquals(List.of("128", "256", "384", "512"), rows.stream().map(r -> r[1]).toList(),
        "the evaluation after the checkpoint of iteration 2 is dropped and done again");
    double best = Double.NEGATIVE_INFINITY;
    String bestIteration = null;
    for (String[] row : rows) {
      double mean = Double.parseDouble(row[2]);
      assertEquals(mean > best, "1".equals(row[5]), "row of iteration " + row[0]);
      if (mean > best) {
        best = mean;
        bestIteration = row[0];
      }
    }
    Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"));
    assertEquals(String.format("best-iter-%06d", Integer.parseInt(bestIteration)),
        checkpoints.best().orElseThrow().getFileName().toString());
    assertEquals(1, checkpoints.list().size(), "pruning keeps one iteration checkpoint and the best beside it");
  }

  @Test
  void aRunWithoutEvaluationsKeepsNoBest() {
    Path run = dir.resolve("plain");
    try (TrainingSession trainer = Algorithms.PPO.start(tiny("run.evalDuringTraining=0"), run, List.of(),
        List.of())) {
      trainer.train();
      assertNull(((TrainerBase<?, ?>) trainer).bestEvaluation());
    }
    assertTrue(new Checkpoints(run.resolve("checkpoints")).best().isEmpty());
    assertFalse(Files.exists(run.resolve(TrainingEvaluation.FILE)));
  }

  /** Four iterations of 128 steps of PPO on CartPole, evaluated after each, a checkpoint every second, one kept. */
  private static PpoConfig tiny(String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=512", "numEnvs=1", "ppo.stepsPerIteration=128",
        "ppo.epochs=1", "ppo.policyLearningRate=0.01", "run.checkpointEvery=2", "run.keepCheckpoints=1",
        "run.evalEvery=128", "run.evalDuringTraining=3", "run.evalEpisodes=0"));
    sets.addAll(List.of(overrides));
    return Algorithms.PPO.config("CartPole-v1", null, sets);
  }

  private static List<Episode> episodes(double... returns) {
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < returns.length; i++) {
      episodes.add(new Episode(0, i, i, returns[i], 10));
    }
    return episodes;
  }
}
