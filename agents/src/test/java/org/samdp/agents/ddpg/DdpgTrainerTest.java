package org.samdp.agents.ddpg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.nn.TargetNetworks;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.robust.ActionChange;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.network.Network;

/** The noise process, the soft update, the regulariser's two solvers, checkpoints and bad input, on tiny runs. */
class DdpgTrainerTest {
  @TempDir
  Path dir;

  /**
   * Six iterations of 100 steps of SA-DDPG on Pendulum: a warm-up of random actions, updates, a replay buffer that
   * wraps around, the regulariser's ramp from step 200 to 400, evaluations every 200 steps keeping the best.
   */
  private static DdpgConfig tiny(String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=600", "ddpg.warmupSteps=100", "ddpg.batchSize=16",
        "ddpg.actorHidden=[16]", "ddpg.criticHidden=[16]", "ddpg.rescaleActions=true", "replay.capacity=250",
        "robust.kappa=0.5", "robust.eps=0.2", "robust.startStep=200", "robust.rampSteps=200",
        "run.stepsPerIteration=100", "run.checkpointEvery=2", "run.evalEvery=200", "run.evalDuringTraining=2"));
    sets.addAll(List.of(overrides));
    return Algorithms.DDPG.config("Pendulum-v1", null, sets);
  }

  /** A generator whose Gaussian draws are the given values in turn. */
  private static RandomGenerator gaussians(double... values) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextGaussian() {
        return values[next++];
      }
    };
  }

  @Test
  void theOrnsteinUhlenbeckProcessFollowsItsRecurrenceAndRestartsAtZero() {
    OrnsteinUhlenbeck noise = new OrnsteinUhlenbeck(2, 0.15, 0.2, 0.01);
    // x1 = 0 + 0.15·(0 − 0)·0.01 + 0.2·0.1·ξ: 0.02 and −0.01 for ξ = 1, −0.5.
    double[] x1 = noise.sample(gaussians(1.0, -0.5));
    assertEquals(0.02, x1[0], 1e-15);
    assertEquals(-0.01, x1[1], 1e-15);
    // x2 = x1 − 0.15·x1·0.01 + 0.02·ξ: 0.02 − 0.00003 − 0.01 = 0.00997 and −0.01 + 0.000015 + 0.04 = 0.030015.
    double[] x2 = noise.sample(gaussians(-0.5, 2.0));
    assertEquals(0.00997, x2[0], 1e-15);
    assertEquals(0.030015, x2[1], 1e-15);
    assertArrayEquals(x2, noise.state());
    noise.reset();
    assertArrayEquals(new double[] {0, 0}, noise.state());
    OrnsteinUhlenbeck copy = new OrnsteinUhlenbeck(2, 0.15, 0.2, 0.01);
    copy.restore(x2);
    assertArrayEquals(x2, copy.state());
  }

  @Test
  void theSoftUpdateMixesTargetAndOnlineWeightsByTau() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NetworkSpec spec = new NetworkSpec(List.of(LayerSpec.linear(2)));
      Network online = spec.build(new Shape(2), manager, DataType.FLOAT32, 1);
      Network target = spec.build(new Shape(2), manager, DataType.FLOAT32, 2);
      online.parameters().get(0).set(new float[] {1, 3, -2, 0});
      target.parameters().get(0).set(new float[] {2, -1, 4, 8});
      online.parameters().get(1).set(new float[] {10, 0});
      target.parameters().get(1).set(new float[] {0, 10});
      TargetNetworks.softUpdate(online, target, 0.25);
      // 0.75·target + 0.25·online.
      assertArrayEquals(new float[] {1.75f, 0f, 2.5f, 6f}, target.parameters().get(0).toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {2.5f, 7.5f}, target.parameters().get(1).toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {1, 3, -2, 0}, online.parameters().get(0).toFloatArray(), "online unchanged");
      assertThrows(IllegalArgumentException.class, () -> TargetNetworks.softUpdate(online, target, 1.5));
    }
  }

  @Test
  void theConvexRegulariserBoundsTheSgldValueFromAboveOnTheSameBatch() {
    try (NDManager manager = NDManager.newBaseManager()) {
      DdpgConfig.Ddpg ddpg = tiny("ddpg.actorHidden=[32, 32]", "ddpg.rescaleActions=false").ddpg();
      // A larger output gain than the authors' 1e-3 so that the actions are not all near 0.
      Network actor = DdpgTrainer.actorSpec(ddpg, 2).build(new Shape(3), manager, DataType.FLOAT32, 7);
      actor.layers().get(4).parameters().get(0).muli(1000);
      Network detached = actor.mapParameters(NDArray::stopGradient);
      Network preTanh = new Network(new Shape(3), actor.layers().subList(0, actor.layers().size() - 1));
      SplitMix64 random = new SplitMix64(3);
      float[] values = new float[64 * 3];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      NDArray states = manager.create(values, new Shape(64, 3));
      NDArray scale = manager.create(new float[] {0.5f, 1f, 2f});
      NDArray clean = actor.forward(states);
      ProjectedGradient sgld = new ProjectedGradient(5, null, false, 1e-5, ProjectedGradient.Noise.DECAYING);
      for (double eps : new double[] {0.05, 0.3}) {
        NDArray perturbed = DdpgTrainer.sgldStates(sgld, detached, states, scale, eps, random);
        // ŝ lies in the box of ε state stds.
        NDArray delta = perturbed.sub(states).abs().div(scale);
        assertTrue(delta.max().getFloat() <= eps * (1 + 1e-5), "inside the box at eps " + eps);
        double found = ActionChange.meanSquared(actor.forward(perturbed), clean).getFloat();
        double moved = ActionChange.meanSquared(actor.forward(states.add(scale.mul((float) eps))), clean)
            .getFloat();
        for (double beta : new double[] {0, 0.5, 1}) {
          double bound = ActionChange.meanSquaredUpperBound(new BoundedNetwork(preTanh),
              DdpgTrainer.stateBox(states, scale, eps), clean, beta).getFloat();
          assertTrue(found > 0 && found <= bound, "SGLD " + found + " <= convex " + bound + " at eps " + eps);
          assertTrue(moved <= bound, "a corner " + moved + " <= convex " + bound);
        }
      }
    }
  }

  @Test
  void aResumedRunContinuesTheSameLearningCurveBitForBit() {
    for (String variant : List.of("ddpg", "SGLD", "CONVEX")) {
      Path whole = dir.resolve("whole-" + variant);
      Path interrupted = dir.resolve("interrupted-" + variant);
      DdpgConfig config = variant.equals("ddpg") ? tiny("robust.kappa=0") : tiny("robust.solver=" + variant);
      try (TrainingSession trainer = Algorithms.DDPG.start(config, whole, List.of(), List.of())) {
        trainer.train();
      }
      try (TrainingSession trainer = Algorithms.DDPG.start(config, interrupted, List.of(), List.of(crashAfter(5)))) {
        assertThrows(IllegalStateException.class, trainer::train);
      }
      try (TrainingSession trainer = Algorithms.DDPG.resume(interrupted, List.of("test"), List.of())) {
        assertEquals(4, trainer.iteration(), "resumes from the checkpoint of iteration 4");
        trainer.train();
      }
      List<List<String>> expected = curve(whole, DdpgTrainer.METRICS);
      assertEquals(6, expected.size());
      int regularizer = DdpgTrainer.METRICS.indexOf("robust/regularizer");
      assertEquals(!variant.equals("ddpg"), !expected.get(5).get(regularizer).isEmpty(), "the regulariser ran");
      assertTrue(!expected.get(5).get(DdpgTrainer.METRICS.indexOf("eval/episodic_return")).isEmpty());
      assertEquals(expected, curve(interrupted, DdpgTrainer.METRICS), variant);
      Checkpoints checkpoints = new Checkpoints(whole.resolve("checkpoints"));
      assertTrue(checkpoints.best().isPresent(), "a best checkpoint beside the latest");
      if (!variant.equals("ddpg")) {
        // ε_t is final from step 400: the best was saved at the evaluation of step 400 or 600.
        String name = checkpoints.best().get().getFileName().toString();
        assertTrue(name.equals("best-iter-000004") || name.equals("best-iter-000006"), name);
      }
    }
  }

  @Test
  void aCheckpointedActorAndCriticLoadWithoutTheTrainerAndComputeTheSame() {
    Path run = dir.resolve("run");
    try (DdpgTrainer trainer = (DdpgTrainer) Algorithms.DDPG.start(tiny("totalSteps=200"), run, List.of(),
        List.of()); NDManager manager = NDManager.newBaseManager()) {
      trainer.train();
      Path checkpoint = Checkpoints.resolve(run);
      Policy loaded = Policies.load(checkpoint, manager);
      assertInstanceOf(DeterministicPolicy.class, loaded);
      Network critic = Critic.load(checkpoint, 3, 1, manager);
      NDArray states = manager.create(new float[] {1, 0, 0.5f, 0, 1, -2}, new Shape(2, 3));
      NDArray actions = loaded.actDeterministic(states);
      assertArrayEquals(trainer.policy().actDeterministic(states).toFloatArray(), actions.toFloatArray());
      // Rescaled onto Pendulum's ±2.
      assertTrue(actions.abs().max().getFloat() <= 2);
      assertArrayEquals(Critic.q(trainer.critic(), states, actions).toFloatArray(),
          Critic.q(critic, states, actions).toFloatArray());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Critic.load(dir, 3, 1, manager));
      assertTrue(e.getMessage().contains("is not a DDPG checkpoint"), e.getMessage());
      assertTrue(Files.isDirectory(checkpoint));
    }
  }

  @Test
  void badInputGetsOneClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(Algorithms.DDPG.config("CartPole-v1", null, List.of("replay.capacity=100"))));
    assertTrue(e.getMessage().contains("DDPG needs a bounded Box action space"), e.getMessage());
    ConfigException c = assertThrows(ConfigException.class, () -> tiny("robust.kappa=-1"));
    assertTrue(c.getMessage().contains("robust.kappa must be a finite weight >= 0, got -1.0"), c.getMessage());
    c = assertThrows(ConfigException.class, () -> tiny("robust.eps=-0.1"));
    assertTrue(c.getMessage().contains("robust.eps must be a finite radius >= 0"), c.getMessage());
    c = assertThrows(ConfigException.class, () -> tiny("robust.stateStd=[0, 0, 0]"));
    assertTrue(c.getMessage().contains("robust.stateStd is 0 everywhere"), c.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> trainer(tiny("robust.stateStd=[1, 2]")));
    assertTrue(e.getMessage().contains("robust.stateStd has 2 values but Pendulum-v1 observes 3"), e.getMessage());
    c = assertThrows(ConfigException.class, () -> tiny("run.evalEvery=150"));
    assertTrue(c.getMessage().contains("run.evalEvery (150) must be a multiple of run.stepsPerIteration (100)"),
        c.getMessage());
  }

  @Test
  void theStateScaleIsTheAuthorsStdWhereKnown() {
    DdpgConfig hopper = Algorithms.SA_DDPG.config("Hopper-v4", null, List.of());
    assertEquals(0.1754 + 1e-10, hopper.radiusScale(11)[0], 1e-15);
    assertEquals(5.39772 + 1e-10, hopper.radiusScale(11)[10], 1e-15);
    DdpgConfig ant = Algorithms.SA_DDPG.config("Ant-v4", null, List.of());
    assertEquals(27, ant.radiusScale(27).length);
    assertEquals(2.21006 + 1e-10, ant.radiusScale(27)[26], 1e-15);
    assertArrayEquals(new double[] {1 + 1e-10, 1 + 1e-10, 1 + 1e-10},
        Algorithms.SA_DDPG.config("Pendulum-v1", null, List.of()).radiusScale(3));
    assertEquals(0.0, hopper.epsilon(999_999));
    assertEquals(0.0375, hopper.epsilon(1_250_000), 1e-12);
    assertEquals(0.5, hopper.crownIbpWeight(1_250_000), 1e-12);
    assertEquals(0.075, hopper.epsilon(2_000_000), 1e-12);
    assertEquals("sa-ddpg", hopper.algorithm());
  }

  private static DdpgTrainer trainer(DdpgConfig config) {
    return new DdpgTrainer(config, EnvSource.registered(config.env()), null, List.of());
  }
}
