package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.PolicyEvaluation;

/**
 * PPO and SA-PPO learn, with fixed seeds: each run trains, then its policy acts deterministically for 20 evaluation
 * episodes whose mean return must reach the threshold. The small-task hyper-parameters are the usual tuned ones for
 * these tasks (RL Baselines3 Zoo's), not the MuJoCo setup of the paper. Plain PPO on Pendulum (the SA runs' settings
 * with minibatches of 256) is the victim of the adversaries' OptimalAdversaryLearningTest, which asserts its -300.
 *
 * <p>The thresholds are what held with seeds 1, 2 and 3 (MKL's AVX2 path; seeds 2 and 3 evaluated by {@code samdp
 * train}'s final 20 deterministic episodes): PPO on CartPole 500, 500 and 360.4; SA-PPO on Pendulum by SGLD -166.4
 * and -135.9 with seeds 2 and 3, by the convex relaxation -195.2 and -188.6. SA-PPO needs its 200k steps: at 100k (the
 * learning rate annealed over them) seeds 1 and 2 returned -293.1 and -337.7 with SGLD, seed 1 -655.6 with the convex
 * relaxation.
 */
@Tag("learning")
class PpoLearningTest {
  /** CartPole: 8 envs x 32 steps, one minibatch of 256 per epoch, 20 epochs, γ 0.98, λ 0.8, lr 1e-3. */
  private static final List<String> CART_POLE = List.of("totalSteps=100000", "numEnvs=8",
      "ppo.stepsPerIteration=256", "ppo.minibatchSize=256", "ppo.epochs=20", "ppo.gamma=0.98", "ppo.gaeLambda=0.8",
      "ppo.policyLearningRate=1e-3", "ppo.valueLearningRate=1e-3", "run.evalDuringTraining=0");
  /**
   * SA-PPO on Pendulum: 4 envs x 512 steps, minibatches of 512 (each update carries the regulariser's extra passes),
   * γ 0.9, lr 1e-3, and the paper's Hopper ε and κ.
   */
  private static final List<String> SA_PENDULUM = List.of("totalSteps=200000", "numEnvs=4", "ppo.gamma=0.9",
      "ppo.policyLearningRate=1e-3", "ppo.valueLearningRate=1e-3", "ppo.minibatchSize=512", "robust.kappa=0.1",
      "robust.eps=0.075", "run.evalDuringTraining=0");

  private static double trainAndEvaluate(String env, List<String> settings, String... extra) {
    List<String> all = new ArrayList<>(settings);
    all.addAll(List.of(extra));
    PpoConfig config = Algorithms.PPO.config(env, null, all);
    try (PpoTrainer trainer = new PpoTrainer(config, EnvSource.registered(env), null, List.of())) {
      trainer.train();
      List<Episode> episodes = PolicyEvaluation.run(trainer.policy(), EnvSource.registered(env), 20, 1000, true,
          trainer.manager());
      return PolicyEvaluation.meanReturn(episodes);
    }
  }

  @Test
  void ppoReaches300OnCartPoleWithin100kSteps() {
    double mean = trainAndEvaluate("CartPole-v1", CART_POLE);
    assertTrue(mean >= 300, "mean return " + mean);
  }

  @Test
  void saPpoWithSgldReachesMinus300OnPendulumWithin200kSteps() {
    double mean = trainAndEvaluate("Pendulum-v1", SA_PENDULUM, "robust.solver=sgld");
    assertTrue(mean >= -300, "mean return " + mean);
  }

  @Test
  void saPpoWithTheConvexRelaxationReachesMinus300OnPendulumWithin200kSteps() {
    double mean = trainAndEvaluate("Pendulum-v1", SA_PENDULUM, "robust.solver=convex");
    assertTrue(mean >= -300, "mean return " + mean);
  }
}
