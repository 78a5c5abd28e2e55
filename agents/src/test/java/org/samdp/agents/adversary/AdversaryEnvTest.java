package org.samdp.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.network.Network;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;

/** The adversary's MDP: what the adversary observes and earns, what the victim sees, and reproducible episodes. */
class AdversaryEnvTest {
  private static final double EPS = 0.1;

  @TempDir
  Path dir;

  /** A fresh CartPole policy with an identity normaliser, so normalized observations are the raw ones. */
  private static CategoricalPolicy cartPoleVictim(NDManager manager) {
    return CategoricalPolicy.create(4, 2, List.of(16), "tanh", ObservationNormalizer.identity(4), manager, 11);
  }

  @Test
  void theAdversaryEarnsMinusTheVictimsRewardAndEpisodeEndsPassThrough() {
    try (NDManager manager = NDManager.newBaseManager();
        AdversaryEnv adversary = new AdversaryEnv(EnvRegistry.make("CartPole-v1"), cartPoleVictim(manager),
            ThreatModel.unbounded(EPS, 4), false);
        Env<?, ?> plain = EnvRegistry.make("CartPole-v1")) {
      @SuppressWarnings("unchecked")
      Env<double[], Integer> cartPole = (Env<double[], Integer>) plain;
      Policy victim = cartPoleVictim(manager);
      // With Δ = 0 the victim sees the true state: the episode is the victim's own, rewards negated.
      double[] seen = adversary.reset(5L, java.util.Map.of()).observation();
      double[] truth = cartPole.reset(5).observation();
      int steps = 0;
      while (true) {
        assertArrayEquals(floats(truth), seen, "the adversary observes the true state");
        int action = (int) victim.actDeterministic(manager.create(new float[][] {toFloat(truth)})).getLong(0);
        Step<double[]> victimStep = cartPole.step(action);
        Step<double[]> adversaryStep = adversary.step(new double[4]);
        steps++;
        assertEquals(-victimStep.reward(), adversaryStep.reward());
        assertEquals(victimStep.reward(), adversaryStep.info().get(AdversaryEnv.VICTIM_REWARD));
        assertEquals(victimStep.terminated(), adversaryStep.terminated());
        assertEquals(victimStep.truncated(), adversaryStep.truncated());
        truth = victimStep.observation();
        seen = adversaryStep.observation();
        if (victimStep.done()) {
          break;
        }
      }
      assertTrue(steps > 5, "a whole episode, got " + steps + " steps");
    }
  }

  @Test
  void aRecurrentVictimCarriesItsHistoryThroughTheAdversarysStepsAndStartsAfreshEachEpisode() {
    for (String cell : List.of("lstm", "gru")) {
      try (NDManager manager = NDManager.newBaseManager()) {
        RecurrentPolicy victim = RecurrentPolicy.create(PolicyKind.CATEGORICAL, 4, 2, cell, 16, 16, 0,
            ObservationNormalizer.identity(4), manager, 7);
        // Larger weights than the embedding's gain gives, so that a lost or stale history changes the actions.
        victim.parameters().forEach(p -> p.muli(30));
        try (AdversaryEnv adversary = new AdversaryEnv(EnvRegistry.make("CartPole-v1"), victim,
            ThreatModel.unbounded(EPS, 4), false)) {
          // With Δ = 0, two episodes in a row are the victim's own, each from a fresh history.
          for (long seed : new long[] {5, 6}) {
            List<double[]> expected = ownEpisode(victim, seed, manager);
            List<double[]> seen = new ArrayList<>();
            seen.add(adversary.reset(seed, java.util.Map.of()).observation());
            for (boolean done = false; !done; ) {
              Step<double[]> step = adversary.step(new double[4]);
              seen.add(step.observation());
              done = step.done();
            }
            assertEquals(expected.size(), seen.size(), cell + " episode " + seed + " length");
            for (int t = 0; t < seen.size(); t++) {
              assertArrayEquals(floats(expected.get(t)), seen.get(t), cell + " episode " + seed + " step " + t);
            }
          }
        }
      }
    }
  }

  /** The observations of a stateful victim's deterministic CartPole episode, its history kept by hand. */
  private static List<double[]> ownEpisode(Policy victim, long seed, NDManager manager) {
    try (Env<?, ?> raw = EnvRegistry.make("CartPole-v1"); NDManager scope = manager.newSubManager()) {
      @SuppressWarnings("unchecked")
      Env<double[], Integer> env = (Env<double[], Integer>) raw;
      List<double[]> observations = new ArrayList<>();
      observations.add(env.reset(seed, java.util.Map.of()).observation());
      PolicyState state = victim.initialState(scope, 1);
      for (boolean done = false; !done; ) {
        double[] last = observations.get(observations.size() - 1);
        Acting acting = victim.act(victim.normalize(scope, new double[][] {last}), state,
            new boolean[] {observations.size() == 1}, true, null);
        state = acting.next();
        Step<double[]> step = env.step((int) acting.actions().toLongArray()[0]);
        observations.add(step.observation());
        done = step.done();
      }
      return observations;
    }
  }

  @Test
  void theVictimSeesTheStatePlusEpsTimesTheClampedActionInsideTheBall() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RecordingPolicy victim = new RecordingPolicy(cartPoleVictim(manager));
      try (AdversaryEnv adversary = new AdversaryEnv(EnvRegistry.make("CartPole-v1"), victim, ThreatModel.unbounded(EPS, 4), true)) {
        double[] state = adversary.reset(3L, java.util.Map.of()).observation();
        SplitMix64 random = new SplitMix64(9);
        for (int t = 0; t < 20; t++) {
          double[] delta = new double[4];
          for (int i = 0; i < 4; i++) {
            delta[i] = 4 * (2 * random.nextDouble() - 1);
          }
          Step<double[]> step = adversary.step(delta);
          float[] view = victim.seen.get(t);
          for (int i = 0; i < 4; i++) {
            double expected = state[i] + EPS * Math.max(-1, Math.min(1, delta[i]));
            assertEquals(expected, view[i], 1e-6, "step " + t + " value " + i);
            assertTrue(Math.abs(view[i] - state[i]) <= EPS + 1e-6);
          }
          if (step.done()) {
            break;
          }
          state = step.observation();
        }
      }
    }
  }

  @Test
  void aSamplingVictimsEpisodeIsAFunctionOfItsSeedAndTheAdversarysActions() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy victim = cartPoleVictim(manager);
      ThreatModel half = ThreatModel.unbounded(0.5, 4);
      List<Double> first = episode(new AdversaryEnv(EnvRegistry.make("CartPole-v1"), victim, half, true), 4);
      List<Double> again = episode(new AdversaryEnv(EnvRegistry.make("CartPole-v1"), victim, half, true), 4);
      List<Double> other = episode(new AdversaryEnv(EnvRegistry.make("CartPole-v1"), victim, half, true), 8);
      assertEquals(first, again);
      assertNotEquals(first, other);
    }
  }

  /** The first observation values and rewards of an episode under a fixed sequence of Δ. */
  private static List<Double> episode(AdversaryEnv env, long seed) {
    try (env) {
      List<Double> trace = new ArrayList<>();
      Reset<double[]> reset = env.reset(seed, java.util.Map.of());
      trace.add(reset.observation()[0]);
      SplitMix64 deltas = new SplitMix64(1);
      for (int t = 0; t < 200; t++) {
        Step<double[]> step = env.step(new double[] {deltas.nextDouble() - 0.5, 0, deltas.nextDouble() - 0.5, 0});
        trace.add(step.observation()[2]);
        if (step.done()) {
          break;
        }
      }
      return trace;
    }
  }

  @Test
  void anAdversaryTrainedWithPpoResumesBitForBit() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Policy victim = cartPoleVictim(manager);
      EnvSource envs = AdversaryEnv.source(EnvSource.registered("CartPole-v1"), victim,
          ThreatModel.unbounded(EPS, 4), true);
      PpoConfig config = Algorithms.PPO.config("CartPole-v1", null, List.of("totalSteps=1024",
          "ppo.stepsPerIteration=256", "ppo.epochs=2", "ppo.normalizeObservations=false", "run.checkpointEvery=2",
          "run.evalEpisodes=0"));
      ConfigLoader<PpoConfig> loader = Algorithms.PPO.loader("CartPole-v1");
      Path whole = dir.resolve("whole");
      Path interrupted = dir.resolve("interrupted");
      try (TrainingSession trainer = TrainerBase.start(whole, run -> new PpoTrainer(config, envs, run, List.of()),
          List.of(), List.of())) {
        trainer.train();
      }
      try (TrainingSession trainer = TrainerBase.start(interrupted,
          run -> new PpoTrainer(config, envs, run, List.of()), List.of(), List.of(crashAfter(3)))) {
        assertThrows(IllegalStateException.class, trainer::train);
      }
      try (TrainingSession trainer = TrainerBase.resume(interrupted, loader,
          (resumed, run) -> new PpoTrainer(resumed, envs, run, List.of()), List.of(), List.of())) {
        assertEquals(2, trainer.iteration());
        trainer.train();
      }
      List<List<String>> expected = curve(whole, PpoTrainer.METRICS);
      assertEquals(4, expected.size());
      assertEquals(expected, curve(interrupted, PpoTrainer.METRICS));
      // The adversary earns minus the victim's return: its episodic returns are negative.
      assertTrue(Double.parseDouble(expected.get(0).get(2)) < 0, "adversary return " + expected.get(0).get(2));
    }
  }

  @Test
  void aLearnedAdversaryIsAGaussianPolicyOverTheStateValues() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy adversary = GaussianPolicy.create(4, 4, List.of(8), "tanh", 0, ObservationNormalizer.identity(4),
          manager, 1);
      NDArray states = manager.create(new float[][] {{0.1f, -0.2f, 0.3f, 0f}, {1f, 1f, 1f, 1f}});
      ThreatModel threat = ThreatModel.unbounded(EPS, 4);
      NDArray seen = new LearnedAdversary(adversary, true, null).perturb(null, PolicyState.NONE, states, threat);
      NDArray mean = adversary.actDeterministic(states).clip(-1f, 1f).mul(EPS);
      assertArrayEquals(states.add(mean).toFloatArray(), seen.toFloatArray(), 1e-6f);
      NDArray sampled = new LearnedAdversary(adversary, false, new SplitMix64(2))
          .perturb(null, PolicyState.NONE, states, threat);
      assertFalse(sampled.sub(states).abs().max().getFloat() > EPS + 1e-6);
      assertThrows(IllegalArgumentException.class, () -> new LearnedAdversary(cartPoleVictim(manager), true, null));
      assertThrows(IllegalArgumentException.class, () -> new LearnedAdversary(adversary, false, null));
    }
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** Raw observations as the adversary sees them: float32, back in double. */
  private static double[] floats(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** A victim that records what it is shown. */
  private static final class RecordingPolicy implements Policy {
    final List<float[]> seen = new ArrayList<>();
    private final Policy inner;

    RecordingPolicy(Policy inner) {
      this.inner = inner;
    }

    @Override
    public Acting act(NDArray normalized, PolicyState state, boolean[] episodeStart, boolean deterministic,
        RandomGenerator random) {
      seen.add(normalized.toType(DataType.FLOAT32, false).toFloatArray());
      return inner.act(normalized, state, episodeStart, deterministic, random);
    }

    @Override
    public PolicyKind kind() {
      return inner.kind();
    }

    @Override
    public ObservationNormalizer normalizer() {
      return inner.normalizer();
    }

    @Override
    public Network network() {
      return inner.network();
    }

    @Override
    public List<NDArray> parameters() {
      return inner.parameters();
    }

    @Override
    public ActionDistribution distribution(NDArray normalized) {
      return inner.distribution(normalized);
    }

    @Override
    public Policy detached() {
      return this;
    }

    @Override
    public PolicySpec spec() {
      return inner.spec();
    }
  }
}
