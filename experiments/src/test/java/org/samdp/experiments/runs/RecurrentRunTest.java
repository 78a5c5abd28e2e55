package org.samdp.experiments.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A recurrent PPO run opens for evaluation: its LSTM policy is attacked through its paused history, by MAD and by the
 * critic attack on its recurrent value function.
 */
class RecurrentRunTest {
  @TempDir
  Path dir;

  @Test
  void aRecurrentRunIsAttackedByMadAndItsRecurrentCritic() {
    Path out = dir.resolve("lstm");
    try (TrainingSession session = Algorithms.PPO.start("CartPoleNoVel-v1", null, List.of("totalSteps=512",
        "ppo.stepsPerIteration=256", "recurrent.cell=lstm", "recurrent.embedding=8", "recurrent.hidden=8",
        "run.evalEpisodes=0"), out, List.of(), List.of())) {
      session.train();
    }
    try (TrainedRun run = TrainedRun.open(out)) {
      assertTrue(run.policy().isStateful());
      assertTrue(run.critic().isStateful(), "its value function reads histories");
      assertEquals(List.of("critic", "random", "mad"), Attacks.defaults(run.policy().kind(), true, true));
      for (String attack : List.of("mad", "critic")) {
        // 3 episodes side by side: the critic's own state narrows with the batch as they end.
        EvaluationResult result = RobustnessEvaluation.run(run.policy(), run.envs(), run.threatModel(0.1),
            Attacks.create(attack, AttackConfig.DEFAULTS, run.policy().kind(), run.critic(), 3), null,
            RobustnessEvaluation.Settings.of(3, 1), null);
        assertEquals(3, result.episodes().size(), attack);
      }
    }
  }
}
