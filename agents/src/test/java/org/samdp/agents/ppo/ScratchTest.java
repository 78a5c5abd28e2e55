package org.samdp.agents.ppo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainingCallback;

class ScratchTest {
  @Test
  void scratch() {
    String env = System.getProperty("scratch.env", "Pendulum-v1");
    List<String> sets = List.of(System.getProperty("scratch.set", "totalSteps=20480").split(" "));
    PpoConfig config = PpoConfig.loader(PpoConfig.ppo(env)).load(null, sets);
    TrainingCallback print = new TrainingCallback() {
      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport r) {
        System.out.printf("it %d step %d ret %.1f len %.0f kl %.4f clip %.3f ev %.2f reg %.4f eps %.4f sps %.0f%n",
            r.iteration(), r.globalStep(), r.get("charts/episodic_return"), r.get("charts/episodic_length"),
            r.get("losses/approx_kl"), r.get("losses/clip_fraction"), r.get("losses/explained_variance"),
            r.get("robust/regularizer"), r.get("robust/eps"), r.get("charts/sps"));
      }
    };
    long t0 = System.nanoTime();
    try (PpoTrainer trainer = new PpoTrainer(config, null, List.of(print))) {
      trainer.train();
      var eval = org.samdp.agents.rollout.PolicyEvaluation.run(trainer.policy(), env, 10, 99, true, trainer.manager());
      System.out.printf("eval mean %.1f  total %.1f s%n", org.samdp.agents.rollout.PolicyEvaluation.meanReturn(eval),
          (System.nanoTime() - t0) / 1e9);
    }
  }
}
