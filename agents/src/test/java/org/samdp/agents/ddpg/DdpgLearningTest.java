package org.samdp.agents.ddpg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.PolicyEvaluation;

/**
 * DDPG and SA-DDPG learn Pendulum-v1 with fixed seeds: each run trains, then its actor acts deterministically for 20
 * episodes whose mean return must reach −250 (−600 for the convex relaxation, see below). Small-task settings, not
 * the paper's MuJoCo ones: actions rescaled onto Pendulum's ±2 (clipped to ±1 the pendulum cannot be held up from
 * every start), 1,000 warm-up steps, networks of 64-64, learning rates 1e-3 for both and τ 5e-3; SA-DDPG's
 * regulariser starts at 5,000 steps and reaches ε 0.05 state stds (ones: Pendulum has no authors' constants) at
 * 10,000, with κ 1.
 *
 * <p>Measured with seeds 1, 2 and 3 (20 deterministic episodes: seed 1 as this test evaluates, seeds 2 and 3 by
 * {@code samdp train}'s final evaluation; MKL's AVX2 path): DDPG −121.1, −132.4 and −126.8;
 * SA-DDPG by SGLD −114.7, −132.9 and −120.2; by the convex relaxation −114.9, −140.3 and −526.8 ± 426.7 (seed 3's
 * actor leaves a few starts hanging). The convex run's threshold is what held on every seed: it still tells a
 * learned swing-up from an untrained actor's −1,200 or so.
 */
@Tag("learning")
class DdpgLearningTest {
  static final List<String> PENDULUM = List.of("totalSteps=15000", "ddpg.rescaleActions=true",
      "ddpg.warmupSteps=1000", "ddpg.actorHidden=[64, 64]", "ddpg.criticHidden=[64, 64]",
      "ddpg.actorLearningRate=1e-3", "ddpg.criticLearningRate=1e-3", "ddpg.tau=5e-3", "run.evalEvery=5000");
  static final List<String> SA = List.of("robust.kappa=1", "robust.eps=0.05", "robust.startStep=5000",
      "robust.rampSteps=5000");

  static double trainAndEvaluate(List<String> settings, String... extra) {
    List<String> all = new ArrayList<>(settings);
    all.addAll(List.of(extra));
    DdpgConfig config = Algorithms.DDPG.config("Pendulum-v1", null, all);
    try (DdpgTrainer trainer = new DdpgTrainer(config, EnvSource.registered("Pendulum-v1"), null, List.of())) {
      trainer.train();
      double mean = PolicyEvaluation.meanReturn(PolicyEvaluation.run(trainer.policy(),
          EnvSource.registered("Pendulum-v1"), 20, 1000, true, trainer.manager()));
      System.out.println("DdpgLearningTest " + all + ": mean return " + mean);
      return mean;
    }
  }

  @Test
  void ddpgReachesMinus250OnPendulum() {
    double mean = trainAndEvaluate(PENDULUM);
    assertTrue(mean >= -250, "mean return " + mean);
  }

  @Test
  void saDdpgWithSgldReachesMinus250OnPendulum() {
    List<String> sa = new ArrayList<>(PENDULUM);
    sa.addAll(SA);
    double mean = trainAndEvaluate(sa, "robust.solver=SGLD");
    assertTrue(mean >= -250, "mean return " + mean);
  }

  @Test
  void saDdpgWithTheConvexRelaxationReachesMinus600OnPendulum() {
    List<String> sa = new ArrayList<>(PENDULUM);
    sa.addAll(SA);
    double mean = trainAndEvaluate(sa, "robust.solver=CONVEX");
    assertTrue(mean >= -600, "mean return " + mean);
  }
}
