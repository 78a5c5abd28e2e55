package org.samdp.experiments.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

/**
 * What {@code attacks.json} in a run directory holds: the agent evaluated, and per ε the natural return, the return
 * under each attack and the strongest attack. Evaluations accumulate over commands (another ε, another attack) as long
 * as they are of the same checkpoint with the same episodes; an evaluation of another setting starts the file afresh
 * and keeps the earlier one beside it (see {@link ResultsFile}).
 *
 * @param env the environment id
 * @param algorithm the algorithm that trained the agent
 * @param checkpoint the checkpoint evaluated
 * @param episodes episodes per evaluation
 * @param seed seed of the episodes
 * @param evaluations one per ε, in increasing ε
 */
public record AttackResults(String env, String algorithm, String checkpoint, int episodes, long seed,
    List<AtEps> evaluations) {
  /** The file in a run directory. */
  public static final ResultsFile<AttackResults> FILE =
      new ResultsFile<>("attacks.json", AttackResults.class, AttackResults::sameSetting, AttackResults::merge);

  /** Copies the list. */
  public AttackResults {
    evaluations = List.copyOf(evaluations);
  }

  /**
   * The evaluations at one ε.
   *
   * @param eps ℓ∞ radius in normalized observation space
   * @param natural the return without attack
   * @param attacks the return under each attack, by name; a trained attack has one entry per setting of its grid,
   *     named by the setting (see {@link Attacks#family})
   * @param strongest the attack (the setting, for a trained attack) with the lowest mean return
   * @param config the attack settings used
   */
  public record AtEps(double eps, ReturnSummary natural, Map<String, ReturnSummary> attacks, String strongest,
      AttackConfig config) {
    /** The lowest mean return first; ties go to the first name, so the strongest does not depend on map order. */
    private static final Comparator<Map.Entry<String, ReturnSummary>> LOWEST_MEAN =
        Comparator.comparingDouble((Map.Entry<String, ReturnSummary> e) -> e.getValue().mean())
            .thenComparing(Map.Entry::getKey);

    /** An evaluation; the strongest attack is the one with the lowest mean return (the first name on a tie). */
    public static AtEps of(double eps, ReturnSummary natural, Map<String, ReturnSummary> attacks,
        AttackConfig config) {
      String strongest = attacks.entrySet().stream().min(LOWEST_MEAN).map(Map.Entry::getKey).orElse(null);
      return new AtEps(eps, natural, new LinkedHashMap<>(attacks), strongest, config);
    }

    /**
     * The strongest result of one attack: its only result, or the setting of its grid with the lowest mean return;
     * null if it was not evaluated.
     */
    public String strongestOf(String attack) {
      return attacks.entrySet().stream().filter(e -> Attacks.family(e.getKey()).equals(attack))
          .min(LOWEST_MEAN).map(Map.Entry::getKey).orElse(null);
    }

    /** {@code fresh} with the attacks of these evaluations that it did not evaluate again, if the settings agree. */
    AtEps updatedBy(AtEps fresh) {
      if (!config.equals(fresh.config)) {
        return fresh;
      }
      Map<String, ReturnSummary> all = new LinkedHashMap<>(attacks);
      all.putAll(fresh.attacks);
      return of(fresh.eps, fresh.natural, all, fresh.config);
    }
  }

  /**
   * Evaluates a trained agent: the natural return once, then each attack at each ε, over the same seeded episodes.
   * Every attack is checked against the agent, and every fixed one built, before any episode runs; the trained ones
   * ({@link Attacks#TRAINED}) train their attackers over their grid as they come (see {@link TrainedAttacks}).
   *
   * @param training how attackers are trained (their provenance's command, progress callbacks)
   * @param log told of each finished evaluation (progress)
   * @throws IllegalArgumentException for a negative ε, an unknown attack or one that does not apply to the agent
   */
  public static AttackResults evaluate(TrainedRun run, List<String> attackNames, List<Double> epsValues,
      AttackConfig config, RobustnessEvaluation.Settings settings, TrainedAttacks.Training training,
      Consumer<String> log) {
    epsValues.forEach(ThreatModel::requireRadius);
    if (attackNames.isEmpty() || epsValues.isEmpty()) {
      throw new IllegalArgumentException("give at least one attack and one eps");
    }
    Policy policy = run.policy();
    Attacks.requireApplicable(attackNames, policy.kind(), run.critic() != null, policy.isStateful());
    Map<String, ObservationAdversary> attacks = new LinkedHashMap<>();
    for (String name : attackNames) {
      if (!Attacks.TRAINED.contains(name)) {
        attacks.put(name, Attacks.create(name, config, policy.kind(), run.critic(), settings.seed()));
      }
    }
    TrainedAttacks trained = new TrainedAttacks(run, config, settings, training, log);
    long start = System.nanoTime();
    ReturnSummary natural = ReturnSummary.of(RobustnessEvaluation.run(policy, run.envs(),
        ThreatModel.unbounded(0, policy.normalizer().size()), null, null, settings, null));
    log.accept(progress("natural", natural, start));
    List<AtEps> evaluations = new ArrayList<>();
    for (double eps : epsValues.stream().sorted().distinct().toList()) {
      ThreatModel threat = run.threatModel(eps);
      Map<String, ReturnSummary> returns = new LinkedHashMap<>();
      for (String name : attackNames) {
        if (Attacks.TRAINED.contains(name)) {
          returns.putAll(trained.evaluate(name, threat));
          continue;
        }
        start = System.nanoTime();
        ReturnSummary attacked = ReturnSummary.of(RobustnessEvaluation.run(policy, run.envs(), threat,
            attacks.get(name), null, settings, null));
        returns.put(name, attacked);
        log.accept(progress(name + " at eps " + eps, attacked, start));
      }
      evaluations.add(AtEps.of(eps, natural, returns, config));
    }
    return new AttackResults(run.env(), run.algorithm(), run.checkpoint().toString(), settings.episodes(),
        settings.seed(), evaluations);
  }

  /** A progress line: what was evaluated, its mean and spread, and how long it took. */
  static String progress(String what, ReturnSummary result, long startNanos) {
    return String.format(Locale.ROOT, "%s: %.1f ± %.1f over %d episodes (%.0f s)", what, result.mean(), result.std(),
        result.returns().size(), (System.nanoTime() - startNanos) / 1e9);
  }

  /** Whether {@code fresh} evaluates the same checkpoint over the same episodes, so that the two can merge. */
  boolean sameSetting(AttackResults fresh) {
    return checkpoint.equals(fresh.checkpoint) && episodes == fresh.episodes && seed == fresh.seed;
  }

  /**
   * These results with {@code fresh} of the same setting merged in: evaluations at other ε are kept, attacks at the
   * same ε are kept unless evaluated again.
   */
  AttackResults merge(AttackResults fresh) {
    return new AttackResults(env, algorithm, fresh.checkpoint, episodes, seed,
        ResultsFile.mergeByEps(evaluations, fresh.evaluations, AtEps::eps, AtEps::updatedBy));
  }
}
