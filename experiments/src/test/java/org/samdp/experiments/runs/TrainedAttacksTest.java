package org.samdp.experiments.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.eval.RobustnessEvaluation;
import org.samdp.adversaries.trained.AttackerKey;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;

/** Grids of trained attackers: cut short, they resume where they stopped; an attacker of another key is refused. */
class TrainedAttacksTest {
  private static final RobustnessEvaluation.Settings EPISODES = RobustnessEvaluation.Settings.of(2, 1);

  @TempDir
  Path dir;

  private Path victim() {
    Path out = dir.resolve("victim");
    try (TrainingSession session = Algorithms.PPO.start("CartPole-v1", null, List.of("totalSteps=512",
        "ppo.stepsPerIteration=256", "run.evalEpisodes=0"), out, List.of(), List.of())) {
      session.train();
    }
    return out;
  }

  private static AttackConfig trained(int sarsaIterations, int adversaryIterations) {
    return AttackConfig.loader().load(null, List.of("trained.sarsaIterations=" + sarsaIterations,
        "trained.adversaryIterations=" + adversaryIterations));
  }

  /** Fails in the first iteration of the {@code n}-th attacker trained. */
  private static TrainingCallback crashInAttacker(int n) {
    return new TrainingCallback() {
      private int started;

      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport report) {
        if (report.iteration() == 1 && ++started == n) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  private static List<Path> attackers(Path victim) throws IOException {
    try (Stream<Path> listing = Files.list(victim.resolve(AttackerRun.ATTACKERS))) {
      return listing.sorted().toList();
    }
  }

  @Test
  void anInterruptedGridResumesWhereItStopped() throws IOException {
    Path victim = victim();
    AttackConfig config = trained(2, 1);
    try (TrainedRun run = TrainedRun.open(victim)) {
      TrainedAttacks.Training crashing = new TrainedAttacks.Training(List.of("test"), List.of(crashInAttacker(3)));
      assertThrows(IllegalStateException.class, () -> AttackResults.evaluate(run, List.of("rs"), List.of(0.1), config,
          EPISODES, crashing, line -> { }));
    }
    List<Path> started = attackers(victim);
    assertEquals(3, started.size(), "two critics trained, the third cut short: " + started);
    byte[] first = Files.readAllBytes(started.get(0).resolve("metrics.csv"));
    byte[] second = Files.readAllBytes(started.get(1).resolve("metrics.csv"));

    AttackResults results;
    try (TrainedRun run = TrainedRun.open(victim)) {
      results = AttackResults.evaluate(run, List.of("rs"), List.of(0.1), config, EPISODES,
          new TrainedAttacks.Training(List.of("test"), List.of()), line -> { });
    }
    assertEquals(4, attackers(victim).size());
    assertEquals(4, results.evaluations().get(0).attacks().size());
    // The finished critics were reused, not trained again; the cut one was resumed in its own directory.
    List<Path> after = attackers(victim);
    List<byte[]> reused = List.of(Files.readAllBytes(after.get(after.indexOf(started.get(0))).resolve("metrics.csv")),
        Files.readAllBytes(after.get(after.indexOf(started.get(1))).resolve("metrics.csv")));
    assertArrayEquals(first, reused.get(0));
    assertArrayEquals(second, reused.get(1));
    assertTrue(Files.readString(started.get(2).resolve("provenance.json")).contains("resumes"),
        "the cut critic resumed");
  }

  @Test
  void anImportedAdversaryOfTheVictimIsEvaluatedBesideTheGrid() {
    Path victim = victim();
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy adversary = GaussianPolicy.create(4, 4, List.of(8), "tanh", 0,
          ObservationNormalizer.identity(4), manager, 5);
      AttackerKey key = AttackerKey.of("optimal", "optimal[imported=attack-cartpole.model]", 0.1,
          Checkpoints.resolve(victim));
      AttackerRun.under(victim, key).saveImported(Map.of(Policies.AGENT, adversary));
      // The same adversary at another ε is not this ε's attacker.
      AttackerRun.under(victim, AttackerKey.of("optimal", "optimal[imported=other-eps.model]", 0.3,
          Checkpoints.resolve(victim))).saveImported(Map.of(Policies.AGENT, adversary));
    }
    try (TrainedRun run = TrainedRun.open(victim)) {
      AttackResults results = AttackResults.evaluate(run, List.of("optimal"), List.of(0.1), trained(1, 1), EPISODES,
          new TrainedAttacks.Training(List.of("test"), List.of()), line -> { });
      assertEquals(List.of("optimal[lr=0.001,vlr=0.001,ent=0,clip=0.2,anneal,iters=1]",
          "optimal[lr=0.003,vlr=0.001,ent=0,clip=0.2,anneal,iters=1]", "optimal[imported=attack-cartpole.model]"),
          List.copyOf(results.evaluations().get(0).attacks().keySet()));
    }
  }

  @Test
  void anAttackerOfAnotherEpsOrVictimIsRefused() throws IOException {
    Path victim = victim();
    AttackConfig config = trained(1, 1);
    try (TrainedRun run = TrainedRun.open(victim)) {
      AttackResults.evaluate(run, List.of("optimal"), List.of(0.1), config, EPISODES,
          new TrainedAttacks.Training(List.of("test"), List.of()), line -> { });
    }
    // Give an adversary trained at ε 0.1 the name the ε 0.2 one would have: it must not be taken for it.
    for (Path attacker : attackers(victim)) {
      Path renamed = attacker.resolveSibling(attacker.getFileName().toString().replace("-eps0.1-", "-eps0.2-"));
      Files.move(attacker, renamed);
    }
    try (TrainedRun run = TrainedRun.open(victim)) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AttackResults.evaluate(run,
          List.of("optimal"), List.of(0.2), config, EPISODES, new TrainedAttacks.Training(List.of("test"), List.of()),
          line -> { }));
      assertTrue(refused.getMessage().contains("at eps 0.1 against the victim")
          && refused.getMessage().contains("delete it to train a new one"), refused.getMessage());
    }
    AtomicFiles.deleteRecursively(victim.resolve(AttackerRun.ATTACKERS));
  }
}
