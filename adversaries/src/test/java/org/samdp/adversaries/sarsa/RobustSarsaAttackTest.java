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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.adversaries.attack.RandomAttack;
import org.samdp.agents.nn.LayerSpec;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;

/** The RS and RS+MAD attack on fresh networks: what it optimises, where it stays, what it refuses. */
class RobustSarsaAttackTest {
  private static final double EPS = 0.3;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Network q(int inputSize, long seed) {
    return RobustSarsaTrainer.qSpec().build(new Shape(inputSize), manager, DataType.FLOAT32, seed);
  }

  private NDArray states(int batch, int size, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    float[] values = new float[batch * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(batch, size));
  }

  /** Q_RS(s₀, a(x)) per row. */
  private static float[] qAt(Network q, Policy victim, NDArray clean, NDArray x) {
    return q.forward(clean.concat(RobustSarsaAttack.victimAction(victim, x), 1)).reshape(-1).toFloatArray();
  }

  /**
   * With ratio 0 the attack is exactly plain RS: projected sign-gradient descent on Q_RS(s₀, a(ŝ)) from s₀ + U(±η),
   * written out here independently; a positive ratio changes the result. Both stay inside the ball, and RS lowers
   * Q_RS(s₀, a(ŝ)) below Q_RS(s₀, a(s₀)) on average (Gaussian victim: Q of the mean action).
   */
  @Test
  void ratioZeroIsPlainRsAndTheAttackLowersQInsideTheBall() {
    Policy victim = GaussianPolicy.create(5, 2, List.of(16, 16), "tanh", 0.0, ObservationNormalizer.identity(5),
        manager, 1);
    Network q = q(7, 2);
    NDArray states = states(32, 5, 3);
    ThreatModel threat = ThreatModel.unbounded(EPS, 5);

    NDArray rs = new RobustSarsaAttack(q, 10, null, 0, new SplitMix64(9)).perturb(victim, PolicyState.NONE, states,
        threat);
    NDArray start = new RandomAttack(new SplitMix64(9)).perturb(victim, PolicyState.NONE, states,
        threat.withEps(EPS / 10));
    Network frozenQ = q.mapParameters(NDArray::stopGradient);
    Policy view = victim.detached();
    NDArray reference = new ProjectedGradient(10, null, false, 0).maximize(
        x -> frozenQ.forward(states.concat(RobustSarsaAttack.victimAction(view, x), 1)).reshape(-1).neg(), states,
        start, threat, null);
    assertArrayEquals(reference.toFloatArray(), rs.toFloatArray());

    NDArray mixed = new RobustSarsaAttack(q, 10, null, 0.5, new SplitMix64(9)).perturb(victim, PolicyState.NONE,
        states, threat);
    assertFalse(Arrays.equals(rs.toFloatArray(), mixed.toFloatArray()), "the MAD term must change the result");

    for (NDArray perturbed : List.of(rs, mixed)) {
      float distance = perturbed.sub(states).abs().max().getFloat();
      assertTrue(distance <= EPS + 1e-6, "outside the ball: " + distance);
    }
    // The fresh victim's mean actions are small (output gain 0.01), so are the changes of Q; their signs are what
    // counts.
    double clean = mean(qAt(q, victim, states, states));
    double started = mean(qAt(q, victim, states, start));
    double attacked = mean(qAt(q, victim, states, rs));
    assertTrue(attacked < clean && attacked < started, "Q_RS(s0, a(s)) " + clean + ", at the random start "
        + started + ", after the attack " + attacked);
  }

  /**
   * A categorical victim enters Q_RS through its probabilities (one-hot in training); the attack moves them towards
   * the action Q_RS values less.
   */
  @Test
  void aDiscreteVictimIsAttackedThroughItsActionProbabilities() {
    Policy victim = CategoricalPolicy.create(4, 3, List.of(16), "tanh", ObservationNormalizer.identity(4), manager,
        4);
    NDArray probabilities = RobustSarsaAttack.victimAction(victim, states(8, 4, 6));
    assertEquals(new Shape(8, 3), probabilities.getShape());
    assertArrayEquals(new float[8], probabilities.sum(new int[] {1}).sub(1).abs().gt(1e-5f)
        .toType(DataType.FLOAT32, false).toFloatArray());

    Network q = q(7, 5);
    NDArray states = states(32, 4, 7);
    NDArray rs = new RobustSarsaAttack(q, 10, null, 0, new SplitMix64(1)).perturb(victim, PolicyState.NONE, states,
        ThreatModel.unbounded(1.0, 4));
    assertTrue(mean(qAt(q, victim, states, rs)) < mean(qAt(q, victim, states, states)));
  }

  /**
   * RS+MAD's DDPG form measures action changes in action stds. The actor a = (s₀ + s₁, s₀ − s₁) and a Q_RS of zero
   * leave the MAD term alone (r = 1): with a small std on a₀ the attack moves both inputs the same way (a₀ changes by
   * nearly 2ε), with a small std on a₁ opposite ways; the PPO form (stds of 1) moves each input by its own random start,
   * and unit stds give exactly the PPO form.
   */
  @Test
  void theDdpgFormsMadTermIsInActionStds() {
    NDArray weight = manager.create(new float[][] {{1, 1}, {1, -1}});
    Network actor = new Network(new Shape(2), List.of(new Linear(weight, manager.zeros(new Shape(2)))));
    Policy victim = new DeterministicPolicy(new PolicySpec(PolicyKind.DETERMINISTIC, List.of(2),
        new NetworkSpec(List.of(LayerSpec.linear(2))), 2), ObservationNormalizer.identity(2), actor);
    Network zeroQ = new Network(new Shape(4), List.of(new Linear(manager.zeros(new Shape(1, 4)),
        manager.zeros(new Shape(1)))));
    NDArray states = states(16, 2, 11);
    ThreatModel threat = ThreatModel.unbounded(EPS, 2);
    float[] sameWay = new RobustSarsaAttack(zeroQ, 10, null, 1, new double[] {0.01, 1}, new SplitMix64(5))
        .perturb(victim, PolicyState.NONE, states, threat).sub(states).toFloatArray();
    float[] oppositeWays = new RobustSarsaAttack(zeroQ, 10, null, 1, new double[] {1, 0.01}, new SplitMix64(5))
        .perturb(victim, PolicyState.NONE, states, threat).sub(states).toFloatArray();
    NDArray ppo = new RobustSarsaAttack(zeroQ, 10, null, 1, new SplitMix64(5)).perturb(victim, PolicyState.NONE,
        states, threat);
    float[] ppoForm = ppo.sub(states).toFloatArray();
    int mixed = 0;
    for (int b = 0; b < 16; b++) {
      // From a start within ±ε/10, ten steps of ε/10 end each input between 0.9ε and ε from s₀.
      assertTrue(Math.abs(sameWay[2 * b] + sameWay[2 * b + 1]) >= 1.8 * EPS - 1e-5, "row " + b + ": a0 changes");
      assertTrue(Math.abs(oppositeWays[2 * b] - oppositeWays[2 * b + 1]) >= 1.8 * EPS - 1e-5, "row " + b
          + ": a1 changes");
      if (Math.abs(ppoForm[2 * b] + ppoForm[2 * b + 1]) < 0.2 * EPS) {
        mixed++;
      }
    }
    assertTrue(mixed > 0 && mixed < 16, "the PPO form follows each input's start: " + mixed + " of 16 rows opposite");
    assertArrayEquals(ppo.toFloatArray(), new RobustSarsaAttack(zeroQ, 10, null, 1, new double[] {1, 1},
        new SplitMix64(5)).perturb(victim, PolicyState.NONE, states, threat).toFloatArray());
    assertThrows(IllegalArgumentException.class, () -> new RobustSarsaAttack(zeroQ, 10, null, 1, new double[] {0, 1},
        new SplitMix64(5)));
  }

  @Test
  void badSettingsAndMismatchedNetworksAreRejected() {
    Network q = q(7, 2);
    assertThrows(IllegalArgumentException.class, () -> new RobustSarsaAttack(q, 0, null, 0, new SplitMix64(1)));
    assertThrows(IllegalArgumentException.class, () -> new RobustSarsaAttack(q, 10, null, 1.5, new SplitMix64(1)));
    Policy victim = GaussianPolicy.create(4, 2, List.of(16), "tanh", 0.0, ObservationNormalizer.identity(4), manager,
        1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RobustSarsaAttack(q, 10,
        null, 0, new SplitMix64(1)).perturb(victim, PolicyState.NONE, states(2, 4, 1), ThreatModel.unbounded(0.1,
        4)));
    assertTrue(e.getMessage().contains("7 inputs"), e.getMessage());
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float value : values) {
      sum += value;
    }
    return sum / values.length;
  }
}
