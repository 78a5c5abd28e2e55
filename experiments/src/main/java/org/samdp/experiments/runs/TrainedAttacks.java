package org.samdp.experiments.runs;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.adversaries.trained.AttackGrid;
import org.samdp.adversaries.sarsa.RobustSarsaAttack;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.adversaries.trained.RobustSarsaCritic;
import org.samdp.adversaries.trained.Victim;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.network.Network;

/**
 * The attacks that train an attacker per victim first ({@link Attacks#TRAINED}), over their grid: each setting's
 * attacker is trained (or resumed, or reused) under the victim's run, then the victim is evaluated under it. The
 * results hold one entry per setting, named by its label, so the strongest attack names the winning setting.
 */
public final class TrainedAttacks {
  private final TrainedRun run;
  private final AttackConfig config;
  private final RobustnessEvaluation.Settings settings;
  private final Training training;
  private final Consumer<String> log;
  private final Victim victim;
  private final AttackGrid grid;
  /** The RS critics by label, once imported or trained. */
  private Map<String, Function<NDManager, Network>> critics;
  /** The RS grid's results per radius, once evaluated (RS+MAD needs them). */
  private final Map<Double, Map<String, ReturnSummary>> sarsaByEps = new HashMap<>();

  /**
   * How attackers are trained: the command recorded in their provenance and the callbacks that show progress.
   *
   * @param command the command line
   * @param callbacks progress of each attacker's training
   */
  public record Training(List<String> command, List<TrainingCallback> callbacks) {
    /** For callers that run no trained attack. */
    public static final Training NONE = new Training(List.of(), List.of());
  }

  TrainedAttacks(TrainedRun run, AttackConfig config, RobustnessEvaluation.Settings settings, Training training,
      Consumer<String> log) {
    this.run = run;
    this.victim = run.victim();
    this.grid = AttackGrid.of(config.trained().grid());
    this.config = config;
    this.settings = settings;
    this.training = training;
    this.log = log;
  }

  /**
   * The return under every setting of the trained attack {@code name} at the radius of {@code threat}. RS+MAD runs on
   * the critic of the strongest RS setting at that radius, so it evaluates the RS grid first (once per radius; those
   * results are returned with its own).
   */
  Map<String, ReturnSummary> evaluate(String name, ThreatModel threat) {
    return switch (name) {
      case Attacks.OPTIMAL -> optimal(threat);
      case Attacks.RS -> sarsa(threat);
      case Attacks.RS_MAD -> sarsaWithMad(threat);
      default -> throw new IllegalArgumentException("unknown trained attack " + name);
    };
  }

  private Map<String, ReturnSummary> optimal(ThreatModel threat) {
    Map<String, ReturnSummary> returns = new LinkedHashMap<>();
    List<OptimalAdversary.Settings> all = grid.optimal(config.trained().adversaryIterations());
    for (int i = 0; i < all.size(); i++) {
      OptimalAdversary.Settings setting = all.get(i);
      log.accept(String.format(Locale.ROOT, "optimal adversary %d/%d at eps %s: %s", i + 1, all.size(),
          threat.eps(), setting.label()));
      Path checkpoint = OptimalAdversary.train(victim, threat.eps(), setting, settings.seed(), training.command(),
          training.callbacks());
      try (NDManager manager = NDManager.newBaseManager()) {
        returns.put(setting.label(), attacked(setting.label(), OptimalAdversary.load(checkpoint, manager), threat));
      }
    }
    // Adversaries imported with the victim, or trained for another grid, count too: the strongest attack is the
    // minimum over every attacker there is.
    for (Map.Entry<String, Path> other : OptimalAdversary.others(victim, threat.eps(), returns.keySet()).entrySet()) {
      try (NDManager manager = NDManager.newBaseManager()) {
        returns.put(other.getKey(), attacked(other.getKey(), OptimalAdversary.load(other.getValue(), manager),
            threat));
      }
    }
    return returns;
  }

  private Map<String, ReturnSummary> sarsa(ThreatModel threat) {
    Map<String, ReturnSummary> returns = sarsaByEps.get(threat.eps());
    if (returns != null) {
      return returns;
    }
    returns = new LinkedHashMap<>();
    for (String critic : critics().keySet()) {
      try (NDManager manager = NDManager.newBaseManager()) {
        returns.put(critic, attacked(critic, sarsaAttack(critic, 0, manager), threat));
      }
    }
    sarsaByEps.put(threat.eps(), returns);
    return returns;
  }

  private Map<String, ReturnSummary> sarsaWithMad(ThreatModel threat) {
    Map<String, ReturnSummary> sarsa = sarsa(threat);
    String best = critics().keySet().stream().min(Comparator.comparingDouble(c -> sarsa.get(c).mean()))
        .orElseThrow();
    Map<String, ReturnSummary> returns = new LinkedHashMap<>(sarsa);
    for (double ratio : grid.madRatios(ddpgVictim())) {
      String label = RobustSarsaCritic.madLabel(best, ratio);
      try (NDManager manager = NDManager.newBaseManager()) {
        returns.put(label, attacked(label, sarsaAttack(best, ratio, manager), threat));
      }
    }
    return returns;
  }

  /**
   * The RS critics by label: those imported with the victim (the authors' own), or else the grid's, each trained (or
   * resumed, or reused) first; loaded on demand.
   */
  private Map<String, Function<NDManager, Network>> critics() {
    if (critics != null) {
      return critics;
    }
    critics = new LinkedHashMap<>();
    Map<String, Path> imported = RobustSarsaCritic.imported(victim);
    if (!imported.isEmpty()) {
      log.accept("Robust Sarsa critics imported with the agent: " + String.join(", ", imported.keySet()));
      imported.forEach((label, directory) -> critics.put(label,
          manager -> RobustSarsaCritic.loadImported(victim, directory, manager)));
      return critics;
    }
    List<RobustSarsaCritic.Settings> all = grid.sarsa(config.trained().sarsaIterations(),
        ddpgVictim() ? config.trained().sarsaSamples() : 0);
    for (int i = 0; i < all.size(); i++) {
      RobustSarsaCritic.Settings setting = all.get(i);
      log.accept(String.format(Locale.ROOT, "Robust Sarsa critic %d/%d: %s", i + 1, all.size(), setting.label()));
      Path checkpoint = RobustSarsaCritic.train(victim, setting, settings.seed(), training.command(),
          training.callbacks());
      critics.put(setting.label(), manager -> RobustSarsaCritic.load(victim, setting, checkpoint, manager));
    }
    return critics;
  }

  /** A deterministic actor is a DDPG agent's: its critics and RS+MAD take the SA-DDPG code's form. */
  private boolean ddpgVictim() {
    return victim.policy().kind() == PolicyKind.DETERMINISTIC;
  }

  private ObservationAdversary sarsaAttack(String critic, double madRatio, NDManager manager) {
    return sarsaAttack(victim, critics().get(critic).apply(manager), madRatio, config, settings.seed());
  }

  private static ObservationAdversary sarsaAttack(Victim victim, Network critic, double madRatio, AttackConfig config,
      long seed) {
    boolean ddpgVictim = victim.policy().kind() == PolicyKind.DETERMINISTIC;
    return new RobustSarsaAttack(critic, config.rs().steps(), config.rs().stepSize(), madRatio,
        ddpgVictim ? RobustSarsaCritic.madActionStd(victim) : null, new SplitMix64(SplitMix64.hash(seed, 3)));
  }

  /**
   * The attacker behind a trained attack's result at {@code eps}, as samdp attack ran it, from the attackers the
   * victim's run already has (nothing is trained): a learned optimal adversary, a Robust Sarsa critic's attack, or
   * RS+MAD on one.
   *
   * @param label the result's label, e.g. {@code rs-mad[r=0.5,eps=0.05,reg=1,iters=30]}
   * @param config the attack settings it ran with (RS's steps)
   * @param seed the seed of the attack's noise
   * @throws IllegalArgumentException if the run no longer has that attacker
   */
  public static ObservationAdversary existing(TrainedRun run, String label, double eps, AttackConfig config,
      long seed, NDManager manager) {
    Victim victim = run.victim();
    if (Attacks.family(label).equals(Attacks.OPTIMAL)) {
      Path checkpoint = OptimalAdversary.others(victim, eps, Set.of()).get(label);
      if (checkpoint == null) {
        throw new IllegalArgumentException(run.resultsDirectory() + " has no finished attacker " + label + " at eps "
            + eps + "; train it again with samdp attack --attack optimal --eps " + eps);
      }
      return OptimalAdversary.load(checkpoint, manager);
    }
    boolean withMad = Attacks.family(label).equals(Attacks.RS_MAD);
    RobustSarsaCritic.MadSetting mad = withMad ? RobustSarsaCritic.MadSetting.parse(label)
        : new RobustSarsaCritic.MadSetting(label, 0);
    Function<NDManager, Network> critic = RobustSarsaCritic.finished(victim).get(mad.criticLabel());
    if (critic == null) {
      throw new IllegalArgumentException(run.resultsDirectory() + " has no finished Robust Sarsa critic "
          + mad.criticLabel() + "; train it again with samdp attack --attack " + Attacks.family(label) + " --eps "
          + eps);
    }
    return sarsaAttack(victim, critic.apply(manager), mad.ratio(), config, seed);
  }

  private ReturnSummary attacked(String label, ObservationAdversary attack, ThreatModel threat) {
    long start = System.nanoTime();
    ReturnSummary result = ReturnSummary.of(RobustnessEvaluation.run(run.policy(), run.envs(), threat, attack, null,
        settings, null));
    log.accept(AttackResults.progress(label + " at eps " + threat.eps(), result, start));
    return result;
  }
}
