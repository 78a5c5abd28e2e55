package org.samdp.adversaries.sarsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.ddpg.Critic;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.run.IterationReport;
import org.samdp.agents.run.MetricsCsv;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.Trainer;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.network.Network;

/**
 * Robust Sarsa in the DDPG code's form on Pendulum with a fresh deterministic actor as the victim: the TD target
 * takes the victim's action at s', the regulariser follows its schedule and narrows Q over the action ball, and a run
 * resumes bit for bit from checkpoints taken while sampling and while updating.
 */
class DdpgSarsaTrainerTest {
  private static final String PENDULUM = "Pendulum-v1";
  private static final ConfigLoader<DdpgSarsaConfig> LOADER = DdpgSarsaTrainer.loader("unset",
      DdpgConfig.Ddpg.DEFAULTS);

  @TempDir
  Path dir;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** A fresh deterministic actor on Pendulum whose actions span about ±1 (a tanh MLP with output gain 1). */
  private Policy victim(long seed) {
    NetworkSpec spec = NetworkSpec.mlp(List.of(16), "tanh", 1, 1.0);
    Network actor = spec.build(new Shape(3), manager, DataType.FLOAT32, seed);
    return new DeterministicPolicy(new PolicySpec(PolicyKind.DETERMINISTIC, List.of(3), spec, 1),
        ObservationNormalizer.identity(3), actor);
  }

  /** A tiny configuration: a 32-32 critic, the given overrides on top. */
  private static DdpgSarsaConfig config(String... overrides) {
    List<String> all = new ArrayList<>(List.of("env=" + PENDULUM, "ddpg.criticHidden=[32, 32]"));
    all.addAll(List.of(overrides));
    return LOADER.load(null, all);
  }

  /** Collects every iteration's metrics row. */
  private static final class Rows implements TrainingCallback {
    final List<Map<String, Double>> rows = new ArrayList<>();

    @Override
    public void onUpdateEnd(Trainer trainer, IterationReport report) {
      rows.add(report.metrics());
    }
  }

  /**
   * y = r + γ·(1 − terminated)·Q'(s', π(s')) with π the victim's deterministic action: computed by hand it matches,
   * and the stored behaviour action (π(s') plus noise) would give a different target.
   */
  @Test
  void theTargetTakesTheVictimsActionAtTheNextState() {
    Policy victim = victim(3);
    // Output gain 1 rather than the DDPG critic's 1e-3, so that Q visibly depends on the action.
    Network targetQ = NetworkSpec.mlp(List.of(32), "tanh", 1, 1.0).build(new Shape(4), manager, DataType.FLOAT32, 5);
    NDArray nextStates = manager.randomUniform(-1f, 1f, new Shape(8, 3));
    NDArray rewards = manager.randomUniform(-2f, 0f, new Shape(8));
    NDArray notTerminal = manager.create(new float[] {1, 1, 0, 1, 1, 1, 0, 1});
    NDArray policyActions = victim.actDeterministic(nextStates);
    NDArray storedActions = policyActions.add(0.5f);

    float[] target = DdpgSarsaTrainer.target(targetQ, victim, rewards, nextStates, notTerminal, 0.9).toFloatArray();
    float[] expected = rewards.add(Critic.q(targetQ, nextStates, policyActions).mul(notTerminal).mul(0.9f))
        .toFloatArray();
    float[] withStored = rewards.add(Critic.q(targetQ, nextStates, storedActions).mul(notTerminal).mul(0.9f))
        .toFloatArray();
    assertArrayEquals(expected, target, 1e-6f);
    double difference = 0;
    for (int i = 0; i < target.length; i++) {
      difference += Math.abs(withStored[i] - target[i]);
    }
    assertTrue(difference > 0.01, "the stored action gives another target: " + difference);
  }

  /**
   * Two sampling iterations, then three of 100 updates with the ramp over updates 100 to 200: the first update
   * iteration matches plain Sarsa exactly (p = 0, no regulariser), the next ones regularise with p rising to 0.3, and
   * the regularised critic's bounds over the action ball at p = 0.3 are much narrower than plain Sarsa's (measured:
   * mean ub − lb 0.18 with reg 10, 1.59 without).
   */
  @Test
  void theRegularizerStartsWithTheScheduleAndNarrowsQOverTheActionBall() {
    Policy victim = victim(3);
    String[] tiny = {"sampleSteps=200", "updates=300", "stepsPerIteration=100", "rampStart=100", "rampLength=100",
        "eps=0.3"};
    Rows robust = new Rows();
    Rows plain = new Rows();
    double robustSpread = trainAndMeasureSpread(victim, config(concat(tiny, "reg=10")), robust);
    double plainSpread = trainAndMeasureSpread(victim, config(concat(tiny, "reg=0")), plain);

    assertEquals(5, robust.rows.size());
    assertTrue(robust.rows.get(1).get("losses/td_loss").isNaN(), "no updates while sampling");
    assertEquals(200.0, robust.rows.get(1).get("replay/size"));
    Map<String, Double> first = robust.rows.get(2);
    assertEquals(0.0, first.get("robust/eps"));
    assertTrue(first.get("robust/regularizer").isNaN(), "off before the schedule starts");
    assertEquals(plain.rows.get(2).get("losses/td_loss"), first.get("losses/td_loss"),
        "the same run until the schedule starts");
    assertTrue(robust.rows.get(3).get("robust/regularizer") > 0);
    assertEquals(0.297, robust.rows.get(3).get("robust/eps"), 1e-9, "p at update 199");
    assertEquals(0.3, robust.rows.get(4).get("robust/eps"), 1e-12);
    assertEquals(0.0, robust.rows.get(4).get("robust/crown_ibp_weight"), "pure IBP once the ramp is done");
    assertTrue(plain.rows.get(4).get("robust/regularizer").isNaN(), "never on with reg 0");
    assertTrue(robustSpread < 0.5 * plainSpread, "mean ub - lb over the action ball: " + robustSpread
        + " with the regulariser, " + plainSpread + " without");
  }

  private static String[] concat(String[] settings, String... more) {
    List<String> all = new ArrayList<>(List.of(settings));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Trains, then returns the mean IBP width of Q over the action ball ±0.3 at 256 random (s, a). */
  private double trainAndMeasureSpread(Policy victim, DdpgSarsaConfig config, Rows rows) {
    try (DdpgSarsaTrainer trainer = new DdpgSarsaTrainer(config, victim, EnvSource.registered(PENDULUM), null,
        List.of(rows));
        NDManager scope = manager.newSubManager()) {
      trainer.train();
      SplitMix64 random = new SplitMix64(9);
      float[] inputs = new float[256 * 4];
      for (int i = 0; i < 256; i++) {
        double theta = (random.nextDouble() * 2 - 1) * Math.PI;
        inputs[i * 4] = (float) Math.cos(theta);
        inputs[i * 4 + 1] = (float) Math.sin(theta);
        inputs[i * 4 + 2] = (float) ((random.nextDouble() * 2 - 1) * 4);
        inputs[i * 4 + 3] = (float) (random.nextDouble() * 2 - 1);
      }
      NDArray batch = scope.create(inputs, new Shape(256, 4));
      Bounds bounds = new BoundedNetwork(trainer.qNetwork().mapParameters(NDArray::stopGradient))
          .mixed(DdpgSarsaTrainer.actionBall(batch, new float[] {0, 0, 0, 1}, 0.3), 0, null, BoundSide.BOTH);
      return bounds.upper().sub(bounds.lower()).mean().getFloat();
    }
  }

  /**
   * A run that crashes mid-sampling and resumes from the checkpoint of iteration 2 (replay half full, noise and env
   * mid-episode), then crashes mid-updates and resumes from that of iteration 4 (Adam, target), writes the same
   * metrics and ends with the same arrays (Q, target, Adam, replay) as an uninterrupted run; another victim is
   * refused.
   */
  @Test
  void aResumedRunContinuesBitForBitAndNeedsTheSameVictim() {
    Policy victim = victim(3);
    DdpgSarsaConfig config = config("sampleSteps=300", "updates=300", "stepsPerIteration=100", "rampStart=0",
        "rampLength=150", "run.checkpointEvery=2");
    EnvSource envs = EnvSource.registered(PENDULUM);
    Path whole = dir.resolve("whole");
    Path interrupted = dir.resolve("interrupted");
    try (TrainingSession trainer = TrainerBase.start(whole,
        run -> new DdpgSarsaTrainer(config, victim, envs, run, List.of()), List.of("test"), List.of())) {
      trainer.train();
    }
    try (TrainingSession trainer = TrainerBase.start(interrupted,
        run -> new DdpgSarsaTrainer(config, victim, envs, run, List.of()), List.of("test"),
        List.of(crashAfter(3)))) {
      assertThrows(IllegalStateException.class, trainer::train);
    }
    try (TrainingSession trainer = TrainerBase.resume(interrupted, LOADER,
        (c, run) -> new DdpgSarsaTrainer(c, victim, envs, run, List.of()), List.of("test"), List.of(crashAfter(5)))) {
      assertEquals(2, trainer.iteration(), "resumes from the checkpoint of iteration 2, mid-sampling");
      assertThrows(IllegalStateException.class, trainer::train);
    }
    try (TrainingSession trainer = TrainerBase.resume(interrupted, LOADER,
        (c, run) -> new DdpgSarsaTrainer(c, victim, envs, run, List.of()), List.of("test"), List.of())) {
      assertEquals(4, trainer.iteration(), "resumes from the checkpoint of iteration 4, mid-updates");
      trainer.train();
    }
    List<List<String>> expected = curve(whole);
    assertEquals(6, expected.size());
    assertEquals(expected, curve(interrupted));
    Path last = RunDirectory.existing(whole).checkpoints().latest().orElseThrow();
    Path resumedLast = RunDirectory.existing(interrupted).checkpoints().latest().orElseThrow();
    Map<String, TensorFile.Entry> arrays = TensorFile.read(last.resolve(TrainerBase.TRAINER_TENSORS));
    Map<String, TensorFile.Entry> resumed = TensorFile.read(resumedLast.resolve(TrainerBase.TRAINER_TENSORS));
    assertEquals(arrays.keySet(), resumed.keySet());
    assertTrue(arrays.keySet().containsAll(List.of("target_q/0", "replay/actions")), arrays.keySet().toString());
    for (String name : arrays.keySet()) {
      assertArrayEquals(arrays.get(name).values(), resumed.get(name).values(), name);
    }
    List<NDArray> q = DdpgSarsaTrainer.loadQ(last, 3, 1, manager).parameters();
    assertFalse(q.isEmpty());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainerBase.resume(whole, LOADER,
        (c, run) -> new DdpgSarsaTrainer(c, victim(4), envs, run, List.of()), List.of("test"), List.of()));
    assertTrue(e.getMessage().contains("another victim"), e.getMessage());
  }

  /** A callback that fails after the given iteration, like a crash between two checkpoints. */
  private static TrainingCallback crashAfter(int iteration) {
    return new TrainingCallback() {
      @Override
      public void onUpdateEnd(Trainer trainer, IterationReport report) {
        if (report.iteration() == iteration) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  /** The metrics rows of a run without the timing column. */
  private static List<List<String>> curve(Path run) {
    int sps = DdpgSarsaTrainer.METRICS.indexOf("charts/sps");
    List<List<String>> rows = new ArrayList<>();
    for (String[] row : MetricsCsv.read(run.resolve(RunDirectory.METRICS))) {
      List<String> cells = new ArrayList<>(List.of(row));
      cells.remove(sps);
      rows.add(cells);
    }
    return rows;
  }
}
