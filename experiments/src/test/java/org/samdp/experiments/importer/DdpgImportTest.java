package org.samdp.experiments.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.experiments.importer.Fixtures.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.adversaries.trained.AttackerRun;
import org.samdp.adversaries.trained.RobustSarsaCritic;
import org.samdp.adversaries.trained.Victim;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.ddpg.DdpgTrainer;
import org.samdp.agents.io.Json;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;
import org.samdp.bounds.network.Network;
import org.samdp.experiments.runs.TrainedRun;

/**
 * SA_DDPG files imported as DDPG runs: the fixture reproduces {@code expected.json}'s actions and Q values through the
 * policy and the critic {@link TrainedRun} opens, and the release's folders set the algorithm, solver and the authors'
 * κ and ε.
 */
class DdpgImportTest {
  private static final double TOLERANCE = 1e-6;
  /** InvertedPendulum's sizes, without making the MuJoCo env (the unit tier has no MuJoCo). */
  private static final EnvShape PENDULUM = new EnvShape("InvertedPendulum-v4", 4, 1);

  @TempDir
  Path dir;

  private static AgentImport.Result importFile(Path file, Path out, String env, EnvShape shape) {
    return AgentImport.run(new AgentImport.Options(file, out, null, env, null, null, List.of("test")), e -> shape);
  }

  private static Path release(String variant, String env) {
    return Fixtures.file("sa-ddpg-release").resolve(variant).resolve("ddpg_" + env + "-v2").resolve(
        "model_best.model");
  }

  @Test
  void theImportedRunComputesTheAuthorsActionsAndQValues() {
    Path out = dir.resolve("hopper");
    AgentImport.Result result = importFile(Fixtures.file("sa-ddpg.model"), out, "Hopper-v4",
        SaPpoImportTest.HOPPER);
    assertEquals(ImportFormat.SA_DDPG, result.format());
    assertEquals("sa-ddpg", result.algorithm(), "sa-ddpg in the file name");
    assertEquals(0.075, result.eps(), "Hopper's eps of preset hopper");
    JsonNode expected = Fixtures.expected("sa-ddpg.model");
    double[][] observations = Fixtures.matrix(expected.get("observations"));
    double[][] actions = Fixtures.matrix(expected.get("actions"));
    double[] q = Fixtures.vector(expected.get("q_values"));
    try (TrainedRun run = TrainedRun.open(out); NDManager manager = NDManager.newBaseManager()) {
      assertEquals("sa-ddpg", run.algorithm());
      assertEquals(DeterministicPolicy.class, run.policy().getClass());
      NDArray s = run.policy().normalize(manager, observations);
      assertArrayEquals(manager.create(observations).toType(DataType.FLOAT32, false).toFloatArray(),
          s.toFloatArray(), "raw observations: the identity normaliser");
      float[] a = run.policy().actDeterministic(s).toFloatArray();
      // The critic attack's Q(s0, pi(s^)) at s^ = s0 is the critic on the actor's own action.
      float[] values = run.critic().value(s, s).toFloatArray();
      for (int b = 0; b < observations.length; b++) {
        for (int i = 0; i < 3; i++) {
          assertClose(actions[b][i], a[b * 3 + i], TOLERANCE, "action " + b + "," + i);
        }
        assertClose(q[b], values[b], TOLERANCE, "Q " + b);
      }
      DdpgConfig config = DdpgConfig.saDdpg("Hopper-v4");
      double[] scale = config.radiusScale(11);
      assertArrayEquals(scale, run.victim().radiusScale(), "eps in Hopper's state stds");
      assertEquals(DdpgTrainer.actorSpec(config.ddpg(), 3),
          Policies.load(run.checkpoint(), manager).spec().network(), "the network DdpgTrainer builds, tanh included");
    }
    Provenance provenance = Json.read(out.resolve(RunDirectory.PROVENANCE), Provenance.class);
    assertEquals("sa-ddpg", provenance.algorithm());
    assertEquals(Fixtures.file("sa-ddpg.model").toString(), provenance.imported().file());
    assertEquals(AgentImport.sha256(Fixtures.file("sa-ddpg.model")), provenance.imported().sha256());
    assertEquals("sa-ddpg", provenance.imported().format());
  }

  @Test
  void theReleaseFoldersSetTheVariantAndTheAuthorsSetup() {
    AgentImport.Result sgld = importFile(release("sa-ddpg-sgld", "InvertedPendulum"), dir.resolve("sgld"), null,
        PENDULUM);
    assertEquals("InvertedPendulum-v4", sgld.env(), "ddpg_InvertedPendulum-v2 -> InvertedPendulum-v4");
    assertEquals("sa-ddpg", sgld.algorithm());
    assertEquals(0.3, sgld.eps());
    DdpgConfig config = config(sgld.directory());
    assertEquals(DdpgConfig.Solver.SGLD, config.robust().solver());
    assertEquals(1.0, config.robust().kappa(), "InvertedPendulum's kappa");
    assertEquals(List.of(400, 300), config.ddpg().actorHidden());
    assertEquals(List.of(400, 300), config.ddpg().criticHidden());
    assertEquals(false, config.ddpg().rescaleActions());

    AgentImport.Result vanilla = importFile(release("vanilla-ddpg", "InvertedPendulum"), dir.resolve("vanilla"), null,
        PENDULUM);
    assertEquals("ddpg", vanilla.algorithm());
    assertEquals(0.3, vanilla.eps(), "vanilla agents are evaluated at the SA agents' eps");
    assertEquals(0.0, config(vanilla.directory()).robust().kappa());
    try (TrainedRun run = TrainedRun.open(vanilla.directory())) {
      assertEquals("ddpg", run.algorithm());
    }

    AgentImport.Result convex = importFile(release("sa-ddpg-convex", "Hopper"), dir.resolve("convex"), null,
        SaPpoImportTest.HOPPER);
    DdpgConfig hopper = config(convex.directory());
    assertEquals(DdpgConfig.Solver.CONVEX, hopper.robust().solver());
    assertEquals(1000.0, hopper.robust().kappa());
    assertEquals(1e-4, hopper.ddpg().criticLearningRate(), "Hopper's critic learning rate");
  }

  @Test
  void theAgentsRobustSarsaCriticIsTheRunsRsAttacker() {
    Path file = release("vanilla-ddpg", "InvertedPendulum");
    String sarsa = "model_best.model_sarsa_0_0.02_10000.0_10000.0_0.3";
    Path sarsaFile = file.resolveSibling(sarsa);
    assertTrue(Files.isRegularFile(sarsaFile), "the release's Sarsa file");
    AgentImport.Result result = importFile(file, dir.resolve("agent"), null, PENDULUM);
    assertEquals(List.of(sarsa), result.sarsaCritics());
    List<AttackerRun<?>> attackers = AttackerRun.all(result.directory());
    assertEquals(1, attackers.size());
    assertEquals(RobustSarsaCritic.NAME, attackers.get(0).key().attack());
    // The Sarsa file imported by itself is the agent with Q_RS as its critic: the same Q as the attacker's.
    AgentImport.Result alone = importFile(sarsaFile, dir.resolve("alone"), null, PENDULUM);
    assertEquals(List.of(), alone.sarsaCritics(), "a Sarsa file has no critics of its own");
    try (TrainedRun run = TrainedRun.open(result.directory()); TrainedRun qRs = TrainedRun.open(alone.directory());
        NDManager manager = NDManager.newBaseManager()) {
      Victim victim = run.victim();
      Map<String, Path> imported = RobustSarsaCritic.imported(victim);
      assertEquals(List.of("rs[imported=" + sarsa + "]"), List.copyOf(imported.keySet()));
      assertEquals("rs-mad[r=0.001,imported=" + sarsa + "]", RobustSarsaCritic.madLabel(
          imported.keySet().iterator().next(), 1e-3));
      Network q = RobustSarsaCritic.loadImported(victim, imported.values().iterator().next(), manager);
      NDArray s = manager.create(new float[][] {{0.01f, -0.02f, 0.03f, 0.1f}, {-0.1f, 0.05f, 0.2f, -0.3f}});
      NDArray a = run.policy().actDeterministic(s);
      assertArrayEquals(qRs.critic().value(s, s).toFloatArray(), q.forward(s.concat(a, 1)).reshape(-1).toFloatArray(),
          "Q_RS(s, pi(s))");
      assertTrue(RobustSarsaCritic.imported(qRs.victim()).isEmpty(), "a critic is the attacker of its victim only");
    }
  }

  @Test
  void antV2AgentsImportOnAntV4WithContactForces() {
    AgentImport.Result ant = importFile(release("sa-ddpg-convex", "Ant"), dir.resolve("ant"), null,
        new EnvShape("AntContactForces-v4", 111, 8));
    assertEquals("AntContactForces-v4", ant.env(), "ddpg_Ant-v2: Ant-v2's 111 observations");
    assertEquals(0.2, ant.eps(), "Ant's eps of preset ant");
    DdpgConfig config = config(ant.directory());
    assertEquals(100.0, config.robust().kappa(), "Ant's kappa");
    double[] scale = config.radiusScale(111);
    assertEquals(0.16433 + 1e-10, scale[0], 1e-12, "the authors' Ant state std, all 111 values");
    assertEquals(0.27523 + 1e-10, scale[110], 1e-12);
    assertEquals(1, ant.sarsaCritics().size());
  }

  private static DdpgConfig config(Path run) {
    return Algorithms.DDPG.loader("unset").load(run.resolve(RunDirectory.CONFIG), List.of());
  }
}
