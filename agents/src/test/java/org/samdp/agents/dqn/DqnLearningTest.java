package org.samdp.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DQN and SA-DQN (convex relaxation) learn CartPole-v1 with fixed seeds, and SA-DQN's greedy actions are certified
 * more often at its ε than vanilla DQN's. Returns are measured by greedy evaluation episodes, certificates at the
 * states those episodes visit.
 */
@Tag("learning")
@Disabled("DQN does not learn CartPole-v1 yet: seed 1 reaches a mean return of about 117 (DQN) and 9.5 (SA-DQN)"
    + " after 30k steps, far from 450/400; issue 6 stays open until this passes")
class DqnLearningTest {
  /** The ε of SA-DQN and of the certificates, in normalized observation units. */
  private static final double EPS = 0.1;
  private static final int EPISODES = 20;

  private static DqnConfig cartPole(String algorithm, String... overrides) {
    List<String> sets = new ArrayList<>(List.of("seed=1", "totalSteps=30000", "dqn.learningRate=0.0005",
        "dqn.annealLearningRate=true", "dqn.adamEps=1.0e-8", "dqn.batchSize=64", "dqn.learningStarts=1000", "dqn.targetUpdateInterval=500",
        "dqn.explorationEnd=0.02", "dqn.explorationSteps=10000", "dqn.normalizeObservations=true",
        "dqn.maxGradNorm=10", "network.kind=MLP", "network.hidden=[128]", "network.duelingHidden=128",
        "replay.capacity=30000", "run.stepsPerIteration=1000"));
    sets.addAll(List.of(overrides));
    DqnConfig defaults = algorithm.equals("dqn") ? DqnConfig.dqn("CartPole-v1") : DqnConfig.saDqn("CartPole-v1");
    return DqnConfig.loader(defaults).load(null, sets);
  }

  /** Trains, then evaluates greedily with the certificates at {@link #EPS}. */
  private static DqnEvaluation.Result trainAndEvaluate(DqnConfig config) {
    long start = System.nanoTime();
    try (DqnTrainer trainer = new DqnTrainer(config, null, List.of());
        NDManager manager = NDManager.newBaseManager()) {
      trainer.train();
      double seconds = (System.nanoTime() - start) / 1e9;
      DqnEvaluation.Result result = DqnEvaluation.run(trainer.policy(), config.env(),
          new DqnEvaluation.Options(EPISODES, 1234, EPS, 0, true, 500), manager);
      System.out.printf("%s: %d steps in %.0f s (%.0f steps/s); return %.1f ± %.1f, certified %.3f%n",
          config.algorithm(), config.roundedSteps(), seconds, config.roundedSteps() / seconds, result.meanReturn(),
          result.stdReturn(), result.certificationRate());
      return result;
    }
  }

  private static DqnEvaluation.Result dqn;

  /** Vanilla DQN's evaluation, trained once for both tests. */
  private static synchronized DqnEvaluation.Result dqn() {
    if (dqn == null) {
      dqn = trainAndEvaluate(cartPole("dqn"));
    }
    return dqn;
  }

  @Test
  void dqnBalancesThePole() {
    assertTrue(dqn().meanReturn() >= 450, "DQN's mean return " + dqn().meanReturn());
  }

  @Test
  void saDqnBalancesThePoleAndCertifiesMoreOfItsActionsThanDqn() {
    DqnEvaluation.Result saDqn = trainAndEvaluate(cartPole("sa-dqn", "robust.kappa=0.05", "robust.eps=" + EPS,
        "robust.warmupSteps=5000", "robust.rampSteps=10000"));
    assertTrue(saDqn.meanReturn() >= 400, "SA-DQN's mean return " + saDqn.meanReturn());
    assertTrue(saDqn.certificationRate() > dqn().certificationRate(), "SA-DQN certifies "
        + saDqn.certificationRate() + " of its actions at eps " + EPS + ", DQN " + dqn().certificationRate());
  }
}
