package org.samdp.experiments.runs;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.samdp.adversaries.trained.AttackerKey;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.OptimalAdversary;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.atla.AtlaConfig;
import org.samdp.agents.atla.AtlaTrainer;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.RunDirectory;

/**
 * ATLA's training adversary kept as an attacker of the run's final agent: the adversary policy of the latest
 * checkpoint becomes a finished optimal attacker at the run's {@code adversary.eps} ({@value #SETTINGS}), so
 * {@code samdp attack --attack optimal} evaluates it beside the freshly trained ones.
 */
public final class TrainingAdversary {
  /** The attacker's settings label. */
  public static final String SETTINGS = OptimalAdversary.NAME + "[atla-training]";

  private TrainingAdversary() {}

  /**
   * Keeps the adversary of an ATLA run's latest checkpoint as its attacker, once per checkpoint.
   *
   * @return the attacker's directory, or empty if the run is not an ATLA run
   */
  public static Optional<Path> keep(Path run) {
    Path checkpoint = Checkpoints.resolve(run);
    if (!Policies.names(checkpoint).contains(AtlaTrainer.ADVERSARY)) {
      return Optional.empty();
    }
    AtlaConfig config = Algorithms.ATLA_PPO.loader("unset").load(checkpoint.resolve(RunDirectory.CONFIG), List.of());
    AttackerRun<?> attacker = AttackerRun.under(run, AttackerKey.of(OptimalAdversary.NAME, SETTINGS,
        config.adversary().eps(), checkpoint));
    if (!Files.exists(attacker.directory())) {
      try (NDManager manager = NDManager.newBaseManager()) {
        attacker.saveImported(Map.of(Policies.AGENT, Policies.load(checkpoint, AtlaTrainer.ADVERSARY, manager)));
      }
    }
    return Optional.of(attacker.directory());
  }
}
