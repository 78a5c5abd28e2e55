package org.samdp.agents.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.envs.wrappers.RunningMeanStd;

class PoliciesTest {
  @TempDir
  Path dir;

  private static double[][] observations(int rows, int size, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    double[][] x = new double[rows][size];
    for (double[] row : x) {
      for (int i = 0; i < size; i++) {
        row[i] = 3 * random.nextGaussian() + 1;
      }
    }
    return x;
  }

  @Test
  void aSavedGaussianPolicyActsIdenticallyAfterLoading() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ObservationNormalizer normalizer = ObservationNormalizer.running(5, 10);
      normalizer.update(observations(50, 5, 1));
      GaussianPolicy policy = GaussianPolicy.create(5, 2, List.of(16, 16), "tanh", -0.3, normalizer, manager, 4);
      Policies.save(policy, dir);
      Policy loaded = Policies.load(dir, manager);
      assertEquals(PolicyKind.GAUSSIAN, loaded.kind());
      assertTrue(loaded.normalizer().isFrozen());
      double[][] raw = observations(7, 5, 2);
      NDArray x = policy.normalize(manager, raw);
      NDArray y = loaded.normalize(manager, raw);
      assertArrayEquals(x.toFloatArray(), y.toFloatArray());
      assertArrayEquals(policy.actDeterministic(x).toFloatArray(), loaded.actDeterministic(y).toFloatArray());
      assertArrayEquals(sampled(policy, x, 9).toFloatArray(),
          sampled(loaded, y, 9).toFloatArray());
    }
  }

  @Test
  void theZFilterFormPutsEpsilonAfterTheRootAndSurvivesSaving() throws IOException {
    // A variance of 1e-6 makes the two forms differ in the third digit: sqrt(1e-6 + 1e-8) vs 1e-3 + 1e-8.
    RunningMeanStd.State state = new RunningMeanStd.State(new double[] {1, 2}, new double[] {1e-6, 4}, 10);
    ObservationNormalizer zfilter = ObservationNormalizer.restored(state, 10, true,
        ObservationNormalizer.Epsilon.AFTER_ROOT);
    ObservationNormalizer gymnasium = ObservationNormalizer.restored(state, 10, true);
    double[][] raw = {{1.005, 3}};
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] after = zfilter.normalize(manager, raw).toFloatArray();
      assertEquals((float) (0.005 / (1e-3 + 1e-8)), after[0]);
      assertEquals((float) (1 / (2 + 1e-8)), after[1]);
      assertEquals((float) (0.005 / Math.sqrt(1e-6 + 1e-8)), gymnasium.normalize(manager, raw).toFloatArray()[0]);

      GaussianPolicy policy = GaussianPolicy.create(2, 1, List.of(4), "tanh", 0, zfilter, manager, 1);
      Policies.save(policy, dir);
      Policy loaded = Policies.load(dir, manager);
      assertEquals(ObservationNormalizer.Epsilon.AFTER_ROOT, loaded.normalizer().epsilon());
      assertArrayEquals(after, loaded.normalize(manager, raw).toFloatArray());
      // samdp's own runs keep writing exactly what they wrote before: no epsilon key.
      Policies.save(GaussianPolicy.create(2, 1, List.of(4), "tanh", 0, gymnasium, manager, 1), dir.resolve("g"));
      assertFalse(Files.readString(dir.resolve("g").resolve(Policies.DESCRIPTION)).contains("epsilon"));
    }
  }

  @Test
  void aSavedCategoricalPolicyActsIdenticallyAfterLoading() {
    try (NDManager manager = NDManager.newBaseManager()) {
      CategoricalPolicy policy = CategoricalPolicy.create(4, 3, List.of(8), "relu",
          ObservationNormalizer.identity(4), manager, 5);
      Policies.save(policy, dir);
      Policy loaded = Policies.load(dir, manager);
      NDArray x = policy.normalize(manager, observations(20, 4, 3));
      assertArrayEquals(policy.actDeterministic(x).toLongArray(), loaded.actDeterministic(x).toLongArray());
      assertArrayEquals(sampled(policy, x, 1).toLongArray(),
          sampled(loaded, x, 1).toLongArray());
    }
  }

  @Test
  void aSavedDeterministicActorActsIdenticallyAfterLoadingAndHasNoDistribution() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PolicySpec spec = new PolicySpec(PolicyKind.DETERMINISTIC, List.of(3),
          NetworkSpec.mlp(List.of(8), "relu", 2, 1.0), 2);
      DeterministicPolicy actor = new DeterministicPolicy(spec, ObservationNormalizer.identity(3),
          spec.network().build(new Shape(3), manager, DataType.FLOAT32, 6));
      Policies.save(actor, dir);
      Policy loaded = Policies.load(dir, manager);
      assertEquals(PolicyKind.DETERMINISTIC, loaded.kind());
      NDArray x = actor.normalize(manager, observations(10, 3, 2));
      assertArrayEquals(actor.network().forward(x).toFloatArray(), loaded.actDeterministic(x).toFloatArray());
      assertArrayEquals(actor.actDeterministic(x).toFloatArray(), sampled(loaded, x, 1).toFloatArray(),
          "a deterministic actor acts the same when asked to sample");
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> loaded.distribution(x));
      assertTrue(e.getMessage().contains("a deterministic actor (DDPG) acts deterministically"), e.getMessage());
    }
  }

  @Test
  void loadingFromAnEmptyDirectorySaysWhatIsMissing() {
    try (NDManager manager = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policies.load(dir, manager));
      assertTrue(e.getMessage().contains("holds no saved policy"), e.getMessage());
    }
  }

  @Test
  void gaussianKlAndLogProbabilitiesMatchTheirFormulas() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logStd = manager.create(new float[] {0.5f});
      DiagonalGaussian p = new DiagonalGaussian(manager.create(new float[] {1f}).reshape(1, 1), logStd);
      DiagonalGaussian q = new DiagonalGaussian(manager.create(new float[] {2f}).reshape(1, 1),
          manager.create(new float[] {0.0f}));
      // KL(N(1, e^1) || N(2, 1)) = log(1/e^0.5) + (e^1 + 1)/2 − 1/2
      assertEquals(-0.5 + (Math.E + 1) / 2 - 0.5, p.kl(q).getFloat(0), 1e-5);
      // log N(0; 1, e^1) = −(1/e)/2 − 0.5 − log sqrt(2π)
      assertEquals(-0.5 / Math.E - 0.5 - 0.5 * Math.log(2 * Math.PI),
          p.logProb(manager.create(new float[] {0f}).reshape(1, 1)).getFloat(0), 1e-5);
      Categorical c = new Categorical(manager.create(new float[] {0f, (float) Math.log(3)}).reshape(1, 2));
      Categorical u = new Categorical(manager.create(new float[] {0f, 0f}).reshape(1, 2));
      assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), c.kl(u).getFloat(0), 1e-5);
    }
  }

  /** Actions sampled by a feed-forward policy with a fresh generator of {@code seed}. */
  private static NDArray sampled(Policy policy, NDArray x, long seed) {
    return policy.act(x, PolicyState.NONE, new boolean[Math.toIntExact(x.getShape().get(0))], false,
        new SplitMix64(seed)).actions();
  }
}
