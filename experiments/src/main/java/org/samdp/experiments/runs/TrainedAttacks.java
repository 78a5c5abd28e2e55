package org.samdp.experiments.runs;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.adversaries.trained.AttackGrid;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.adversaries.trained.Victim;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;

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
    this.config = config;
    this.settings = settings;
    this.training = training;
    this.log = log;
  }

  /** The return under every setting of the trained attack {@code name} at the radius of {@code threat}. */
  Map<String, ReturnSummary> evaluate(String name, ThreatModel threat) {
    AttackGrid grid = AttackGrid.of(config.trained().grid());
    Victim victim = new Victim(run.resultsDirectory(), run.checkpoint(), run.env(), run.policy(), run.envs());
    Map<String, ReturnSummary> returns = new LinkedHashMap<>();
    if (name.equals(Attacks.OPTIMAL)) {
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
      return returns;
    }
    throw new IllegalArgumentException("unknown trained attack " + name);
  }

  private ReturnSummary attacked(String label, ObservationAdversary attack, ThreatModel threat) {
    long start = System.nanoTime();
    ReturnSummary result = ReturnSummary.of(RobustnessEvaluation.run(run.policy(), run.envs(), threat, attack, null,
        settings, null));
    log.accept(AttackResults.progress(label + " at eps " + threat.eps(), result, start));
    return result;
  }
}
