package org.samdp.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.Wrapper;

/** PPO with an adversary in the loop: the adversary changes what the agent sees, never the env's transition. */
class PpoAdversaryTest {
  private static final double EPS = 0.2;

  /** Uniform noise in B(s), drawn from its own generator. */
  private static ObservationAdversary randomNoise(long seed) {
    SplitMix64 random = new SplitMix64(seed);
    return (victim, state, states, threat) -> {
      float[] noise = new float[Math.toIntExact(states.size())];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) ((2 * random.nextDouble() - 1) * threat.eps());
      }
      return threat.project(states.add(states.getManager().create(noise, states.getShape())), states);
    };
  }

  /** Records every observation and action of one env, as the env produced them. */
  private static final class Recorder<A> extends Wrapper<double[], A> {
    final List<double[]> observations = new ArrayList<>();
    final List<A> actions = new ArrayList<>();

    Recorder(Env<double[], A> env) {
      super(env);
    }

    @Override
    public Reset<double[]> reset(Long seed, Map<String, Object> options) {
      Reset<double[]> reset = super.reset(seed, options);
      observations.add(reset.observation());
      return reset;
    }

    @Override
    public Step<double[]> step(A action) {
      Step<double[]> step = super.step(action);
      actions.add(action);
      observations.add(step.observation());
      return step;
    }
  }

  private static PpoConfig config(String... extra) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=512", "ppo.stepsPerIteration=256", "ppo.epochs=1",
        "ppo.normalizeObservations=false", "seed=3"));
    sets.addAll(List.of(extra));
    return Algorithms.PPO.config("CartPole-v1", null, sets);
  }

  @Test
  void theAgentLearnsFromPerturbedObservationsWhileTheEnvStepsFromTheTrueState() {
    List<Recorder<Integer>> recorders = new ArrayList<>();
    EnvSource recorded = EnvSource.registered("CartPole-v1").map(env -> {
      @SuppressWarnings("unchecked")
      Recorder<Integer> recorder = new Recorder<>((Env<double[], Integer>) env);
      recorders.add(recorder);
      return recorder;
    });
    PpoConfig config = config();
    try (NDManager manager = NDManager.newBaseManager();
        EpisodeLoop loop = EpisodeLoop.continuing(recorded, 1, config.seed())
            .withAdversary(randomNoise(1), ThreatModel.unbounded(EPS, 4))) {
      PpoLearner learner = new PpoLearner(config, loop.observationSpace(), loop.actionSpace(), 1, manager);
      RolloutBuffer buffer = learner.newBuffer();
      List<Episode> episodes = learner.collect(loop, buffer, manager);
      assertTrue(episodes.size() >= 3, "want several whole episodes, got " + episodes.size());

      // What the agent saw: within ε of what the env showed (identity normaliser), and moved by the noise.
      Recorder<Integer> recorder = recorders.get(0);
      double largest = 0;
      int row = 0;
      for (int t = 0; t < buffer.size; t++) {
        double[] truth = recorder.observations.get(t + row);
        for (int i = 0; i < 4; i++) {
          double moved = Math.abs(buffer.observations[t * 4 + i] - (float) truth[i]);
          assertTrue(moved <= EPS + 1e-6, "step " + t + " value " + i + " moved by " + moved);
          largest = Math.max(largest, moved);
        }
        // An episode's last observation is followed by the next episode's reset observation.
        row += buffer.episodeEnded[t] ? 1 : 0;
      }
      assertTrue(largest > EPS / 2, "the adversary barely moved the observations: " + largest);

      // The env's transitions: each episode replayed from its seed with the recorded actions gives the recorded
      // observations, bit for bit, so the perturbation never reached the env.
      int next = 0;
      int action = 0;
      for (Episode episode : episodes) {
        try (Env<?, ?> raw = EnvRegistry.make("CartPole-v1")) {
          @SuppressWarnings("unchecked")
          Env<double[], Integer> env = (Env<double[], Integer>) raw;
          assertArrayEquals(recorder.observations.get(next++), env.reset(episode.seed(), Map.of()).observation());
          for (int t = 0; t < episode.length(); t++) {
            assertArrayEquals(recorder.observations.get(next++), env.step(recorder.actions.get(action++))
                .observation(), "episode " + episode.index() + " step " + t);
          }
        }
      }
    }
  }

  @Test
  void aTrainerTrainsAgainstAnAdversaryAndTheCurveChanges() {
    List<String> clean;
    List<String> attacked;
    try (TrainingSession trainer = Algorithms.PPO.trainer(config(), EnvSource.registered("CartPole-v1"), List.of())) {
      trainer.train();
      clean = parameters(trainer);
    }
    try (TrainerBase<PpoConfig, ?> trainer = Algorithms.PPO.trainer(config(), EnvSource.registered("CartPole-v1"),
        List.of())) {
      trainer.setAdversary(randomNoise(1), ThreatModel.unbounded(EPS, 4));
      trainer.train();
      attacked = parameters(trainer);
      assertEquals(2, trainer.iteration());
    }
    assertTrue(!clean.equals(attacked), "the adversary must change what PPO learned");
  }

  private static List<String> parameters(TrainingSession trainer) {
    return trainer.policy().parameters().stream().map(NDArray::toFloatArray).map(Arrays::toString)
        .toList();
  }
}
