package org.samdp.experiments.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.EvaluationResult;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.run.TrainingSession;

/** A recurrent PPO run opens for evaluation: its LSTM policy is attacked through its paused history, without a critic. */
class RecurrentRunTest {
  @TempDir
  Path dir;

  @Test
  void aRecurrentRunOpensWithoutACriticAndMadAttacksItsPolicy() {
    Path out = dir.resolve("lstm");
    try (TrainingSession session = Algorithms.PPO.start("CartPoleNoVel-v1", null, List.of("totalSteps=512",
        "ppo.stepsPerIteration=256", "recurrent.cell=lstm", "recurrent.embedding=8", "recurrent.hidden=8",
        "run.evalEpisodes=0"), out, List.of(), List.of())) {
      session.train();
    }
    try (TrainedRun run = TrainedRun.open(out)) {
      assertTrue(run.policy().isStateful());
      assertNull(run.critic(), "a recurrent value function reads histories: no critic for the critic attack");
      assertEquals(List.of("random", "mad"), Attacks.defaults(run.policy().kind(), false, true));
      EvaluationResult result = RobustnessEvaluation.run(run.policy(), run.envs(), run.threatModel(0.1),
          Attacks.create("mad", AttackConfig.DEFAULTS, run.policy().kind(), null, 3), null,
          RobustnessEvaluation.Settings.of(2, 1), null);
      assertEquals(2, result.episodes().size());
    }
  }
}
