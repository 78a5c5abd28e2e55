package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.PolicyEvaluation;

/**
 * Memory matters: on CartPole without its velocities (CartPoleNoVel-v1, position and angle only) PPO with ATLA's LSTM
 * policy and value function (embedding 64, LSTM 64) balances the pole far longer than the MLP (64-64 tanh), which sees
 * one observation at a time and cannot tell which way the pole moves. Fixed seed; 20 deterministic evaluation
 * episodes. The hyper-parameters are close to the MLP CartPole test's (RL Baselines3 Zoo's PPO settings: 8 envs x 32
 * steps, one minibatch of 256 per epoch, γ 0.98, λ 0.8, lr 1e-3) with 100k steps, the same for both networks, but 10
 * epochs instead of 20: a third of the cost.
 *
 * <p>Seed 1 is the configuration's default, not a pick. Measured on 2 cores with these settings (MKL's AVX2 path):
 * LSTM 222.8, 500 and 263.8 with seeds 1, 2 and 3; MLP 41.2, 41.8 and 39.8. With 20 epochs seed 1's LSTM reached
 * 499.9 here, 206.4 here under MKL's SSE2 path, and 500, 274 and 500 with seeds 1, 2 and 3 on another host. So the
 * thresholds ask what holds across seeds and hosts: the LSTM far above anything the MLP reaches, not a balanced pole.
 */
@Tag("learning")
class RecurrentPpoLearningTest {
  private static final String ENV = "CartPoleNoVel-v1";
  private static final List<String> SETTINGS = List.of("totalSteps=100000", "numEnvs=8", "ppo.stepsPerIteration=256",
      "ppo.minibatchSize=256", "ppo.epochs=10", "ppo.gamma=0.98", "ppo.gaeLambda=0.8", "ppo.policyLearningRate=1e-3",
      "ppo.valueLearningRate=1e-3", "seed=1", "run.evalDuringTraining=0");

  private static double trainAndEvaluate(String... extra) {
    List<String> all = new ArrayList<>(SETTINGS);
    all.addAll(List.of(extra));
    PpoConfig config = Algorithms.PPO.config(ENV, null, all);
    try (PpoTrainer trainer = new PpoTrainer(config, EnvSource.registered(ENV), null, List.of())) {
      trainer.train();
      return PolicyEvaluation.meanReturn(PolicyEvaluation.run(trainer.policy(), EnvSource.registered(ENV), 20, 1000,
          true, trainer.manager()));
    }
  }

  @Test
  void anLstmPolicyBalancesCartPoleWithoutVelocitiesWhereAnMlpCannot() {
    double lstm = trainAndEvaluate("recurrent.cell=lstm");
    double mlp = trainAndEvaluate();
    assertTrue(lstm >= 150, "LSTM mean return " + lstm + " (MLP " + mlp + ")");
    assertTrue(mlp <= 100, "MLP mean return " + mlp + " (LSTM " + lstm + ")");
  }
}
