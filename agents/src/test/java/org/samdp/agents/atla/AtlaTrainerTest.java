package org.samdp.agents.atla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samdp.agents.run.RunFixtures.crashAfter;
import static org.samdp.agents.run.RunFixtures.curve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.ConfigException;
import org.samdp.agents.io.AtomicFiles;
import org.samdp.agents.policy.Policies;
import org.samdp.agents.ppo.RolloutBuffer;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.Checkpoints;
import org.samdp.agents.run.MetricsCsv;
import org.samdp.agents.run.TrainingSession;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.envs.Env;
import org.samdp.envs.wrappers.ObservationWrapper;

/** The alternation, checkpoints, resumption and bad input of ATLA, on tiny Pendulum runs of a few seconds. */
class AtlaTrainerTest {
  private static final String ENV = "Pendulum-v1";

  @TempDir
  Path dir;

  private static AtlaConfig tiny(String... overrides) {
    List<String> sets = new ArrayList<>(List.of("totalSteps=1024", "numEnvs=2", "ppo.stepsPerIteration=256",
        "ppo.epochs=2", "adversary.eps=0.1", "run.checkpointEvery=2", "run.evalEpisodes=0"));
    sets.addAll(List.of(overrides));
    return Algorithms.ATLA_PPO.config(ENV, null, sets);
  }

  @ParameterizedTest(name = "ppo.resetEachIteration={0}")
  @ValueSource(booleans = {false, true})
  void eachIterationTheAgentTrainsOnThePerturbedViewThenTheAdversaryOnTheTrueState(boolean resetEachIteration) {
    int steps = 64;
    // The identity normaliser, so that normalized states are the raw observations in float32.
    AtlaConfig config = tiny("totalSteps=128", "numEnvs=1", "ppo.stepsPerIteration=" + steps, "ppo.epochs=1",
        "ppo.minibatchSize=32", "adversary.minibatchSize=32", "ppo.normalizeObservations=false",
        "ppo.resetEachIteration=" + resetEachIteration);
    List<String> events = new ArrayList<>();
    List<List<float[]>> observed = new ArrayList<>();
    EnvSource spied = index -> {
      int number = observed.size();
      observed.add(new ArrayList<>());
      return new Recording(EnvSource.registered(ENV).make(index), number, events, observed.get(number));
    };
    List<float[]> clean = new ArrayList<>();
    List<float[]> seen = new ArrayList<>();
    List<RolloutBuffer> agentRollouts = new ArrayList<>();
    List<RolloutBuffer> adversaryRollouts = new ArrayList<>();
    AtlaTrainer.Probe probe = new AtlaTrainer.Probe() {
      @Override
      public ObservationAdversary around(ObservationAdversary adversary) {
        return (victim, state, states, threat) -> {
          NDArray perturbed = adversary.perturb(victim, state, states, threat);
          events.add("perturb");
          clean.add(states.toFloatArray());
          seen.add(perturbed.toFloatArray());
          return perturbed;
        };
      }

      @Override
      public void collected(AtlaTrainer.Turn turn, RolloutBuffer buffer) {
        events.add("trains " + turn);
        (turn == AtlaTrainer.Turn.AGENT ? agentRollouts : adversaryRollouts).add(buffer);
      }
    };
    try (AtlaTrainer trainer = new AtlaTrainer(config, spied, null, List.of(), probe)) {
      trainer.train();
    }

    // Env 0 is the agent's, envs 1 and 2 the adversary's fresh ones of iterations 1 and 2. Pendulum's episodes last
    // 200 steps, so only a reset starts the agent's second iteration on a new episode (the authors' rollouts do).
    List<String> expected = new ArrayList<>(List.of("obs 0"));
    for (int t = 1; t <= 2; t++) {
      if (t > 1 && resetEachIteration) {
        expected.add("obs 0");
      }
      for (int i = 0; i < steps; i++) {
        expected.addAll(List.of("perturb", "obs 0"));
      }
      expected.add("trains AGENT");
      for (int i = 0; i <= steps; i++) {
        expected.add("obs " + (t));
      }
      expected.add("trains ADVERSARY");
    }
    assertEquals(expected, events);

    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < steps; i++) {
        int k = t * steps + i;
        // The adversary saw the agent's true state, and the agent trained on what the adversary made of it.
        assertArrayEquals(observed.get(0).get(k + (resetEachIteration ? t : 0)), clean.get(k));
        assertArrayEquals(seen.get(k), agentRollouts.get(t).observation(i));
        double moved = 0;
        for (int d = 0; d < seen.get(k).length; d++) {
          moved = Math.max(moved, Math.abs(seen.get(k)[d] - clean.get(k)[d]));
        }
        assertTrue(moved > 0 && moved <= 0.1 + 1e-6, "the view moves within eps: " + moved);
        // The adversary trained on the true states of its own episodes.
        assertArrayEquals(observed.get(t + 1).get(i), adversaryRollouts.get(t).observation(i));
      }
    }
  }

  @Test
  void aResumedRunContinuesBothLearnersBitForBit() {
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    AtlaConfig config = tiny("robust.kappa=0.1", "robust.eps=0.1", "robust.sgldSteps=2");
    try (TrainingSession trainer = Algorithms.ATLA_PPO.start(config, whole, List.of(), List.of())) {
      trainer.train();
    }
    try (TrainingSession trainer = Algorithms.ATLA_PPO.start(config, interrupted, List.of(), List.of(crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    assertEquals(3, MetricsCsv.read(interrupted.resolve("metrics.csv")).size());
    try (TrainingSession trainer = Algorithms.ATLA_PPO.resume(interrupted, List.of("test"), List.of())) {
      assertEquals(2, trainer.iteration(), "resumes from the checkpoint of iteration 2");
      trainer.train();
    }
    List<List<String>> expected = curve(whole, AtlaTrainer.METRICS);
    assertEquals(4, expected.size());
    assertEquals(expected, curve(interrupted, AtlaTrainer.METRICS));
    Path checkpoint = Checkpoints.resolve(interrupted);
    assertEquals(List.of(Policies.AGENT, AtlaTrainer.ADVERSARY), Policies.names(checkpoint));
    assertParametersEqual(Checkpoints.resolve(whole), checkpoint, Policies.AGENT);
    assertParametersEqual(Checkpoints.resolve(whole), checkpoint, AtlaTrainer.ADVERSARY);
  }

  @Test
  void aRecurrentAgentResumesBitForBitToo() {
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    AtlaConfig config = tiny("totalSteps=768", "run.checkpointEvery=1", "recurrent.cell=lstm",
        "recurrent.embedding=8", "recurrent.hidden=8", "recurrent.historyLength=16", "ppo.minibatchSize=256",
        "robust.kappa=0.3", "robust.eps=0.1", "robust.sgldSteps=2");
    try (TrainingSession trainer = Algorithms.ATLA_PPO.start(config, whole, List.of(), List.of())) {
      trainer.train();
    }
    try (TrainingSession trainer = Algorithms.ATLA_PPO.start(config, interrupted, List.of(), List.of(crashAfter(2)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    try (TrainingSession trainer = Algorithms.ATLA_PPO.resume(interrupted, List.of("test"), List.of())) {
      assertEquals(2, trainer.iteration(), "resumes from the checkpoint of iteration 2");
      trainer.train();
    }
    assertEquals(curve(whole, AtlaTrainer.METRICS), curve(interrupted, AtlaTrainer.METRICS));
  }

  @Test
  void discreteActionsAndAZeroRadiusAreRefusedWithOneLine() {
    Path run = dir.resolve("cartpole");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Algorithms.ATLA_PPO.start(
        Algorithms.ATLA_PPO.config("CartPole-v1", null, List.of()), run, List.of(), List.of()));
    assertTrue(e.getMessage().contains("not supported yet for discrete actions"), e.getMessage());
    assertFalse(Files.exists(run), "nothing is left behind");
    ConfigException zero = assertThrows(ConfigException.class, () -> tiny("adversary.eps=0"));
    assertTrue(zero.getMessage().contains("adversary.eps must be a radius > 0"), zero.getMessage());
  }

  @Test
  void aCheckpointWithoutItsAdversaryIsNotResumed() throws IOException {
    Path run = dir.resolve("run");
    try (TrainingSession trainer = Algorithms.ATLA_PPO.start(tiny("totalSteps=512"), run, List.of(),
        List.of(crashAfter(2)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    Path checkpoint = Checkpoints.resolve(run);
    AtomicFiles.deleteRecursively(Policies.directoryOf(checkpoint, AtlaTrainer.ADVERSARY));
    List<String> before = listing(run);
    String provenance = Files.readString(run.resolve("provenance.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Algorithms.ATLA_PPO.resume(run, List.of("test"), List.of()));
    assertTrue(e.getMessage().contains("holds no 'adversary' policy"), e.getMessage());
    assertEquals(before, listing(run), "nothing is written");
    assertEquals(provenance, Files.readString(run.resolve("provenance.json")));
  }

  private static void assertParametersEqual(Path a, Path b, String name) {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> x = Policies.load(a, name, manager).parameters();
      List<NDArray> y = Policies.load(b, name, manager).parameters();
      assertEquals(x.size(), y.size());
      for (int i = 0; i < x.size(); i++) {
        assertArrayEquals(x.get(i).toFloatArray(), y.get(i).toFloatArray(), name + " parameter " + i);
      }
    }
  }

  private static List<String> listing(Path run) throws IOException {
    try (var files = Files.walk(run)) {
      return files.map(p -> run.relativize(p) + ":" + p.toFile().length()).sorted().toList();
    }
  }

  /** An env that logs each observation it returns, as {@code obs N} with its creation number. */
  private static final class Recording extends ObservationWrapper<Object> {
    private final int number;
    private final List<String> events;
    private final List<float[]> observations;

    @SuppressWarnings("unchecked")
    Recording(Env<?, ?> env, int number, List<String> events, List<float[]> observations) {
      super((Env<double[], Object>) env);
      this.number = number;
      this.events = events;
      this.observations = observations;
    }

    @Override
    protected double[] observation(double[] observation) {
      events.add("obs " + number);
      float[] values = new float[observation.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) observation[i];
      }
      observations.add(values);
      return observation;
    }
  }
}
