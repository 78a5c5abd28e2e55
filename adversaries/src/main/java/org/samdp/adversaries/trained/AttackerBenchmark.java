package org.samdp.adversaries.trained;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.samdp.adversaries.sarsa.RobustSarsaTrainer;
import org.samdp.agents.adversary.AdversaryEnv;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;
import org.samdp.agents.run.TrainerBase;

/**
 * What trained attackers cost (a benchmark, not a test): the optimal adversary's PPO steps per second against samdp's
 * PPO on the victim's own env, run alternately in the same process so that both see the same machine load, and the
 * time to train one Robust Sarsa critic.
 */
public final class AttackerBenchmark {
  private AttackerBenchmark() {}

  /**
   * Runs the benchmark and prints its table.
   *
   * @param iterations PPO iterations of 2048 steps per timed round, for PPO and for the adversary
   * @param rounds alternating rounds; the best round of each is reported
   * @param sarsaIterations iterations of the timed Robust Sarsa critic (the authors' 30)
   * @param eps the adversary's radius
   */
  public static void run(PrintStream out, Victim victim, int iterations, int rounds, int sarsaIterations,
      double eps) {
    long steps = (long) iterations * PpoConfig.Ppo.DEFAULTS.stepsPerIteration();
    PpoConfig agent = Algorithms.PPO.config(victim.env(), null, List.of("totalSteps=" + steps, "run.evalEpisodes=0",
        "run.evalDuringTraining=0"));
    PpoConfig adversary = new OptimalAdversary.Settings(1e-3, 1e-3, 0, 0.2, true, iterations)
        .config(victim.env(), 1);
    double bestAgent = 0;
    double bestAdversary = 0;
    for (int round = 0; round < rounds; round++) {
      bestAgent = Math.max(bestAgent, stepsPerSecond(new PpoTrainer(agent, victim.envs(), null, List.of())));
      bestAdversary = Math.max(bestAdversary, stepsPerSecond(new PpoTrainer(adversary,
          AdversaryEnv.source(victim.envs(), victim.policy(), victim.threat(eps), true), null, List.of())));
      out.printf(Locale.ROOT, "round %d/%d: PPO %.0f steps/s, adversary %.0f steps/s%n", round + 1, rounds,
          bestAgent, bestAdversary);
    }
    RobustSarsaCritic.Settings critic = new RobustSarsaCritic.Settings(0.02, 0.1, sarsaIterations);
    long start = System.nanoTime();
    try (RobustSarsaTrainer trainer = new RobustSarsaTrainer(critic.config(victim.env(), 1), victim.policy(),
        victim.envs(), null, List.of())) {
      trainer.train();
    }
    double sarsaSeconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "%n| %s, %d iterations of %d steps, best of %d rounds | steps/s |%n| --- | --- |%n",
        victim.env(), iterations, PpoConfig.Ppo.DEFAULTS.stepsPerIteration(), rounds);
    out.printf(Locale.ROOT, "| PPO on the env | %.0f |%n| optimal adversary (PPO on the adversary's MDP, eps %s) |"
        + " %.0f |%n", bestAgent, eps, bestAdversary);
    out.printf(Locale.ROOT, "adversary / PPO: %.2f (the victim's forward pass is the adversary's extra work per"
        + " step)%n", bestAdversary / bestAgent);
    out.printf(Locale.ROOT, "one Robust Sarsa critic (%d iterations, eps 0.02, reg 0.1): %.0f s%n", sarsaIterations,
        sarsaSeconds);
  }

  private static double stepsPerSecond(TrainerBase<?, ?> trainer) {
    try (trainer) {
      long start = System.nanoTime();
      trainer.train();
      return trainer.totalSteps() / ((System.nanoTime() - start) / 1e9);
    }
  }
}
