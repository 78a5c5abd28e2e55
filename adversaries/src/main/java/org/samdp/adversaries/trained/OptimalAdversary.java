package org.samdp.adversaries.trained;

import ai.djl.ndarray.NDManager;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.agents.adversary.AdversaryEnv;
import org.samdp.agents.adversary.LearnedAdversary;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;
import org.samdp.agents.run.TrainingCallback;

/**
 * The optimal attack (SA-RL, §6.2.3): a PPO adversary trained with samdp's own PPO on the victim's
 * {@link AdversaryEnv} (the victim samples its actions during training), then applied deterministically
 * ({@code ŝ = s + ε·clamp(μ_ν(s), −1, 1)}). Each adversary is an {@link AttackerRun} under the victim's run.
 */
public final class OptimalAdversary {
  /** The attack's name. */
  public static final String NAME = Attacks.OPTIMAL;
  /** The authors' Hopper scan trains each adversary for 488 iterations of 2048 steps (1M steps). */
  public static final int ITERATIONS = 488;

  private OptimalAdversary() {}

  /**
   * One adversary's PPO settings (a point of the §3.2 grid); the rest are samdp's PPO defaults, with log σ starting
   * at 0 and no second normalisation of the already normalized states it observes.
   *
   * @param learningRate the adversary policy's Adam learning rate
   * @param valueLearningRate its value function's
   * @param entropy the entropy bonus coefficient
   * @param clip PPO's clipping ε
   * @param anneal decay both learning rates linearly to 0
   * @param iterations PPO iterations of 2048 steps
   */
  public record Settings(double learningRate, double valueLearningRate, double entropy, double clip, boolean anneal,
      int iterations) {
    /** Range checks, naming the setting. */
    public Settings {
      if (!(learningRate > 0) || !(valueLearningRate > 0) || !(entropy >= 0) || !(clip > 0) || iterations <= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "optimal adversary settings need positive"
            + " learning rates, clip and iterations and a non-negative entropy, got lr %s, value lr %s, entropy %s,"
            + " clip %s, iterations %d", learningRate, valueLearningRate, entropy, clip, iterations));
      }
    }

    /** The settings as results and directories name them. */
    public String label() {
      return String.format(Locale.ROOT, "%s[lr=%s,vlr=%s,ent=%s,clip=%s,%s,iters=%d]", NAME, number(learningRate),
          number(valueLearningRate), number(entropy), number(clip), anneal ? "anneal" : "const", iterations);
    }

    /** The adversary's PPO configuration on the victim's env. */
    public PpoConfig config(String env, long seed) {
      return Algorithms.PPO.config(env, null, List.of("seed=" + seed,
          "totalSteps=" + (long) iterations * PpoConfig.Ppo.DEFAULTS.stepsPerIteration(),
          "ppo.policyLearningRate=" + learningRate, "ppo.valueLearningRate=" + valueLearningRate,
          "ppo.entropyCoefficient=" + entropy, "ppo.clip=" + clip, "ppo.annealLearningRate=" + anneal,
          "ppo.initialLogStd=0", "ppo.normalizeObservations=false", "run.evalEpisodes=0", "run.evalDuringTraining=0",
          "run.checkpointEvery=10"));
    }
  }

  /**
   * The trained adversary's checkpoint: trained, resumed or reused under the victim's run.
   *
   * @param eps the radius it attacks within
   * @param seed the adversary's training seed
   * @param command recorded in its provenance
   */
  public static Path train(Victim victim, double eps, Settings settings, long seed, List<String> command,
      List<TrainingCallback> callbacks) {
    AttackerRun<PpoConfig> run = AttackerRun.under(victim.resultsDirectory(),
        AttackerKey.of(NAME, settings.label(), eps, victim.checkpoint()));
    return run.train(settings.config(victim.env(), seed), Algorithms.PPO.loader(victim.env()),
        (config, directory) -> new PpoTrainer(config,
            AdversaryEnv.source(victim.envs(), victim.policy(), victim.threat(eps), true), directory, List.of()),
        command, callbacks);
  }

  /**
   * The other finished adversaries of this victim at this ε, by label: those imported with it, or trained for another
   * grid; {@code except} names the labels to leave out.
   */
  public static Map<String, Path> others(Victim victim, double eps, Set<String> except) {
    String digest = AttackerKey.digest(victim.checkpoint());
    Map<String, Path> others = new LinkedHashMap<>();
    for (AttackerRun<?> run : AttackerRun.all(victim.resultsDirectory())) {
      AttackerKey key = run.key();
      if (key.attack().equals(NAME) && key.eps() == eps && key.victimDigest().equals(digest)
          && !except.contains(key.settings())) {
        new AttackerRun<PpoConfig>(run.directory(), key).finishedCheckpoint(Algorithms.PPO.loader(victim.env()))
            .ifPresent(checkpoint -> others.put(key.settings(), checkpoint));
      }
    }
    return others;
  }

  /** The adversary of a checkpoint, acting deterministically; its arrays belong to {@code manager}. */
  public static LearnedAdversary load(Path checkpoint, NDManager manager) {
    return new LearnedAdversary(Policies.load(checkpoint, manager), true, null);
  }

  /** A setting's value in a label: 0.001, 3e-05 as 3E-5, 488, without trailing zeros. */
  static String number(double value) {
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toString();
  }
}
