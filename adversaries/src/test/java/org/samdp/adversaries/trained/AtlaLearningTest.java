package org.samdp.adversaries.trained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.eval.EvaluationResult;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

/**
 * ATLA against PPO on Pendulum (dense reward, so a learned adversary has something to learn from): each agent is
 * attacked by an optimal adversary trained afresh against it, with the same settings and budget, at the same ε; the
 * agent ATLA trained against its own adversary keeps more of its return.
 */
@Tag("learning")
class AtlaLearningTest {
  private static final String ENV = "Pendulum-v1";
  private static final double EPS = 0.3;
  private static final String STEPS = "totalSteps=" + Long.getLong("atla.steps", 100_000);
  /** The agent's PPO settings, the same for both (those of the optimal attack's learning test). */
  private static final List<String> AGENT = List.of(STEPS, "numEnvs=4", "ppo.gamma=0.9", "ppo.policyLearningRate=1e-3",
      "ppo.valueLearningRate=1e-3", "ppo.minibatchSize=256", "run.evalEpisodes=0", "run.checkpointEvery=1000");

  @TempDir
  Path dir;

  @Test
  void theAtlaAgentKeepsMoreReturnUnderAFreshOptimalAdversaryThanPpo() {
    long start = System.nanoTime();
    Returns ppo = trainAndAttack(Algorithms.PPO, AGENT);
    long ppoDone = System.nanoTime();
    Returns atla = trainAndAttack(Algorithms.ATLA_PPO, concat(AGENT, List.of("adversary.eps=" + EPS,
        "adversary.policyLearningRate=1e-3", "adversary.valueLearningRate=1e-3", "adversary.minibatchSize=256")));
    long atlaDone = System.nanoTime();
    System.out.printf("ppo %s (%.0f s), atla %s (%.0f s)%n", ppo, (ppoDone - start) / 1e9, atla,
        (atlaDone - ppoDone) / 1e9);
    assertTrue(atla.attacked() > ppo.attacked(), "ppo " + ppo + ", atla " + atla);
  }

  /** Natural return and return under a freshly trained optimal adversary (20 episodes each). */
  record Returns(double natural, double attacked) {}

  private <C extends TrainerBase.Config> Returns trainAndAttack(Algorithm<C> algorithm, List<String> keys) {
    Path run = dir.resolve(algorithm.name());
    try (TrainingSession session = algorithm.start(algorithm.config(ENV, null, keys), run, List.of(), List.of())) {
      session.train();
    }
    EnvSource envs = EnvSource.registered(ENV);
    Path checkpoint = Checkpoints.resolve(run);
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy agent = Policies.load(checkpoint, manager);
      ThreatModel threat = RobustnessEvaluation.threatModel(agent, envs, EPS);
      RobustnessEvaluation.Settings settings = RobustnessEvaluation.Settings.of(20, 5);
      OptimalAdversary.Settings adversary = new OptimalAdversary.Settings(1e-3, 1e-3, 0, 0.2, true, 20);
      Path trained = OptimalAdversary.train(new Victim(run, checkpoint, ENV, agent, envs, null), EPS, adversary, 1,
          List.of("test"), List.of());
      return new Returns(mean(agent, envs, threat, null, settings),
          mean(agent, envs, threat, OptimalAdversary.load(trained, manager), settings));
    }
  }

  private static double mean(Policy agent, EnvSource envs, ThreatModel threat, ObservationAdversary attack,
      RobustnessEvaluation.Settings settings) {
    EvaluationResult result = RobustnessEvaluation.run(agent, envs, threat, attack, null, settings, null);
    return result.episodes().stream().mapToDouble(e -> e.episodicReturn()).average().orElseThrow();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
