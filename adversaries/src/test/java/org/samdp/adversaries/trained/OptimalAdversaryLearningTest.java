package org.samdp.adversaries.trained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.RandomAttack;
import org.samdp.adversaries.eval.EvaluationResult;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

/**
 * The optimal attack against a PPO agent that swings Pendulum up: a learned adversary (20 PPO iterations) brings its
 * return far lower than uniform noise of the same radius does. (On CartPole a solved agent keeps 500 under noise up to
 * ε = 1, so the adversary's reward never varies and it has nothing to learn from; Pendulum's reward is dense.)
 */
@Tag("learning")
class OptimalAdversaryLearningTest {
  private static final String ENV = "Pendulum-v1";
  private static final double EPS = 0.3;

  @TempDir
  Path dir;

  @Test
  void theOptimalAttackLowersTheReturnFarMoreThanRandomNoise() {
    Path victimRun = dir.resolve("victim");
    PpoConfig victimConfig = Algorithms.PPO.config(ENV, null, List.of("totalSteps=200000", "numEnvs=4",
        "ppo.gamma=0.9", "ppo.policyLearningRate=1e-3", "ppo.valueLearningRate=1e-3", "ppo.minibatchSize=256",
        "run.evalEpisodes=0", "run.evalDuringTraining=0"));
    try (TrainingSession session = Algorithms.PPO.start(victimConfig, victimRun, List.of(), List.of())) {
      session.train();
    }
    EnvSource envs = EnvSource.registered(ENV);
    Path checkpoint = Checkpoints.resolve(victimRun);
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy victim = Policies.load(checkpoint, manager);
      ThreatModel threat = RobustnessEvaluation.threatModel(victim, envs, EPS);
      RobustnessEvaluation.Settings settings = RobustnessEvaluation.Settings.of(20, 5);
      double natural = mean(victim, envs, threat, null, settings);
      double random = mean(victim, envs, threat, new RandomAttack(new SplitMix64(3)), settings);
      OptimalAdversary.Settings adversary = new OptimalAdversary.Settings(1e-3, 1e-3, 0, 0.2, true, 20);
      Path trained = OptimalAdversary.train(new Victim(victimRun, checkpoint, ENV, victim, envs, null), EPS, adversary, 1,
          List.of("test"), List.of());
      double optimal = mean(victim, envs, threat, OptimalAdversary.load(trained, manager), settings);
      assertTrue(natural >= -300, "the victim should swing the pendulum up, got " + natural);
      // Measured: natural -200.9, random -210.2, optimal -880.7. The learned adversary's drop is many times the noise's.
      assertTrue(natural - optimal > 300 && natural - optimal > 5 * (natural - random),
          "natural " + natural + ", random " + random + ", optimal " + optimal);
    }
  }

  private static double mean(Policy victim, EnvSource envs, ThreatModel threat, ObservationAdversary attack,
      RobustnessEvaluation.Settings settings) {
    EvaluationResult result = RobustnessEvaluation.run(victim, envs, threat, attack, null, settings, null);
    return result.episodes().stream().mapToDouble(e -> e.episodicReturn()).average().orElseThrow();
  }
}
