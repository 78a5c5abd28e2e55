package org.samdp.adversaries.trained;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.sarsa.RobustSarsaConfig;
import org.samdp.adversaries.sarsa.RobustSarsaTrainer;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.bounds.network.Network;
import org.samdp.envs.Env;

/**
 * The Robust Sarsa attack's critics (§6.4.1): each Q_RS of the victim is an {@link AttackerRun} under the victim's
 * run, keyed by its regulariser's settings; it does not depend on the attack's radius, so one critic serves every ε.
 */
public final class RobustSarsaCritic {
  /** The attack's name. */
  public static final String NAME = Attacks.RS;

  private RobustSarsaCritic() {}

  /**
   * One critic's settings (a point of the §2.3 grid); the rest are the authors' defaults.
   *
   * @param eps the regulariser's ℓ∞ radius on the (state, action) input
   * @param reg the regulariser's weight
   * @param iterations iterations of 2048 steps (30)
   */
  public record Settings(double eps, double reg, int iterations) {
    /** Range checks. */
    public Settings {
      if (!(eps >= 0) || !(reg >= 0) || iterations <= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "Robust Sarsa settings need eps and reg >= 0"
            + " and positive iterations, got eps %s, reg %s, iterations %d", eps, reg, iterations));
      }
    }

    /** The settings as results and directories name them. */
    public String label() {
      return NAME + "[" + fields() + "]";
    }

    /** The label of RS+MAD with ratio {@code ratio} on this critic. */
    public String madLabel(double ratio) {
      return Attacks.RS_MAD + "[r=" + OptimalAdversary.number(ratio) + "," + fields() + "]";
    }

    private String fields() {
      return "eps=" + OptimalAdversary.number(eps) + ",reg=" + OptimalAdversary.number(reg) + ",iters=" + iterations;
    }

    /** The trainer's configuration on the victim's env. */
    RobustSarsaConfig config(String env, long seed) {
      RobustSarsaConfig defaults = RobustSarsaConfig.defaults(env);
      return loader(env).load(null, List.of("seed=" + seed, "eps=" + eps, "reg=" + reg,
          "totalSteps=" + (long) iterations * defaults.stepsPerIteration()));
    }
  }

  private static ConfigLoader<RobustSarsaConfig> loader(String env) {
    return new ConfigLoader<>(RobustSarsaConfig.class, RobustSarsaConfig.defaults(env));
  }

  /** The trained critic's checkpoint: trained, resumed or reused under the victim's run. */
  public static Path train(Victim victim, Settings settings, long seed, List<String> command,
      List<TrainingCallback> callbacks) {
    AttackerRun<RobustSarsaConfig> run = AttackerRun.under(victim.resultsDirectory(),
        AttackerKey.of(NAME, settings.label(), 0, victim.checkpoint()));
    return run.train(settings.config(victim.env(), seed), loader(victim.env()),
        (config, directory) -> new RobustSarsaTrainer(config, victim.policy(), victim.envs(), directory, List.of()),
        command, callbacks);
  }

  /** The critic Q_RS(s, a) of a checkpoint; its arrays belong to {@code manager}. */
  public static Network load(Victim victim, Path checkpoint, NDManager manager) {
    try (Env<?, ?> env = victim.envs().make(0)) {
      return RobustSarsaTrainer.loadQ(checkpoint,
          RobustSarsaTrainer.inputSize(env.observationSpace(), env.actionSpace()), manager);
    }
  }
}
