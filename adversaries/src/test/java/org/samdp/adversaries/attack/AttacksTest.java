package org.samdp.adversaries.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;

/** The attacks stay inside B(s), find what they are meant to find, and refuse agents they do not apply to. */
class AttacksTest {
  private static final int BATCH = 64;
  private static final double EPS = 0.2;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private GaussianPolicy gaussian() {
    // Output gain 1 (not PPO's 0.01) so that the policy reacts visibly to its input.
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(4), NetworkSpec.mlp(List.of(16, 16), "tanh", 2, 1.0),
        2);
    return new GaussianPolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 12), manager.full(new Shape(2), -0.5f));
  }

  private CategoricalPolicy categorical() {
    PolicySpec spec = new PolicySpec(PolicyKind.CATEGORICAL, List.of(4),
        NetworkSpec.mlp(List.of(16, 16), "tanh", 3, 1.0), 3);
    return new CategoricalPolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 13));
  }

  private QValuePolicy qValues() {
    PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, List.of(4), NetworkSpec.mlp(List.of(16), "relu", 3, 1.0), 3);
    return new QValuePolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 14));
  }

  /**
   * Observations in a Box that limits the first value to [0, 1] and the second to [-1, ∞), half of them on a limit, so
   * that clipping matters.
   */
  private ThreatModel threat(double eps) {
    double inf = Double.POSITIVE_INFINITY;
    Box box = new Box(new double[] {0, -1, -inf, -inf}, new double[] {1, inf, inf, inf}, DType.FLOAT32);
    return ThreatModel.of(eps, ObservationNormalizer.identity(4), box, manager);
  }

  private NDArray states() {
    SplitMix64 random = new SplitMix64(5);
    float[] values = new float[BATCH * 4];
    for (int b = 0; b < BATCH; b++) {
      values[b * 4] = b % 2 == 0 ? (float) (b % 4 == 0 ? 0 : 1) : (float) random.nextDouble();
      values[b * 4 + 1] = b % 3 == 0 ? -1 : (float) Math.max(-1, random.nextGaussian());
      values[b * 4 + 2] = (float) random.nextGaussian();
      values[b * 4 + 3] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(BATCH, 4));
  }

  private static void assertInside(NDArray perturbed, NDArray states, ThreatModel threat, String attack) {
    float[] x = perturbed.toFloatArray();
    float[] s = states.toFloatArray();
    float[] low = threat.low();
    float[] high = threat.high();
    double largest = 0;
    for (int i = 0; i < x.length; i++) {
      double moved = Math.abs(x[i] - s[i]);
      largest = Math.max(largest, moved);
      assertTrue(moved <= threat.eps() + 1e-6, attack + " moved value " + i + " by " + moved);
      assertTrue(x[i] >= low[i % 4] && x[i] <= high[i % 4], attack + " left the valid range at " + i + ": " + x[i]);
    }
    assertTrue(largest > threat.eps() / 2, attack + " barely moved: " + largest);
  }

  @Test
  void settingsWrittenBeforeTheTrainedAttacksReadWithTheirDefaults() throws Exception {
    // An attacks.json of an earlier version: no rs section, and a trained section without sarsaSamples.
    String old = "{\"critic\":{\"steps\":10},\"mad\":{\"steps\":10,\"temperature\":1e-5},"
        + "\"pgd\":{\"steps\":10},\"pgd50\":{\"steps\":50},"
        + "\"trained\":{\"grid\":\"small\",\"sarsaIterations\":30,\"adversaryIterations\":488}}";
    AttackConfig read = org.samdp.agents.io.Json.MAPPER.readValue(old, AttackConfig.class);
    assertEquals(AttackConfig.DEFAULTS, read);
  }

  @Test
  void everyAttackStaysInsideTheBallAndTheValidRange() {
    ThreatModel threat = threat(EPS);
    NDArray states = states();
    Network value = NetworkSpec.mlp(List.of(8), "tanh", 1, 1.0).build(new Shape(4), manager, DataType.FLOAT32, 3);
    Critic critic = Critic.stateValue(value);
    for (Policy policy : List.of(gaussian(), categorical(), qValues())) {
      for (String name : Attacks.defaults(policy.kind(), true, false)) {
        ObservationAdversary attack = Attacks.create(name, AttackConfig.DEFAULTS, policy.kind(), critic, 7);
        NDArray perturbed = attack.perturb(policy, PolicyState.NONE, states, threat);
        assertEquals(states.getShape(), perturbed.getShape());
        assertInside(perturbed, states, threat, name + " on " + policy.kind());
      }
    }
  }

  @Test
  void theAttacksThatApplyDependOnThePolicyAndTheCritic() {
    assertEquals(List.of("critic", "random", "mad"), Attacks.defaults(PolicyKind.GAUSSIAN, true, false));
    assertEquals(List.of("random", "mad"), Attacks.defaults(PolicyKind.CATEGORICAL, false, false));
    assertEquals(List.of("random", "pgd", "pgd50"), Attacks.defaults(PolicyKind.Q_VALUES, false, false));
    assertEquals(List.of("critic", "random", "mad"), Attacks.defaults(PolicyKind.DETERMINISTIC, true, false));
    assertEquals(List.of("critic", "random", "mad", "rs", "rs-mad", "optimal"),
        Attacks.applicable(PolicyKind.GAUSSIAN, true, false));
    assertEquals(List.of("critic", "random", "mad", "optimal"), Attacks.applicable(PolicyKind.GAUSSIAN, true, true));
    assertEquals(List.of("critic", "random", "optimal"), Attacks.applicable(PolicyKind.DETERMINISTIC, true, true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Attacks.create("pgd", AttackConfig.DEFAULTS, PolicyKind.GAUSSIAN, null, 0));
    assertTrue(e.getMessage().contains("PGD attack targets Q networks"), e.getMessage());
    assertTrue(e.getMessage().endsWith("attacks for this agent: random, mad, rs, rs-mad, optimal"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Attacks.create("fgsm", AttackConfig.DEFAULTS, PolicyKind.GAUSSIAN, null, 0));
    assertTrue(e.getMessage().contains("unknown attack 'fgsm'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Attacks.create("mad",
        AttackConfig.loader().load(null, List.of("mad.steps=0")), PolicyKind.GAUSSIAN, null, 0));
    assertTrue(e.getMessage().contains("mad.steps must be positive"), e.getMessage());
  }

  @Test
  void madFindsLargerKlDivergencesThanRandomNoise() {
    ThreatModel threat = ThreatModel.unbounded(0.1, 4);
    NDArray states = states();
    for (Policy policy : List.<Policy>of(gaussian(), categorical())) {
      ActionDistribution clean = policy.distribution(states);
      double random = meanKl(policy, clean, Attacks.create("random", AttackConfig.DEFAULTS, policy.kind(), null, 1)
          .perturb(policy, PolicyState.NONE, states, threat));
      double mad = meanKl(policy, clean, Attacks.create("mad", AttackConfig.DEFAULTS, policy.kind(), null, 1)
          .perturb(policy, PolicyState.NONE, states, threat));
      assertTrue(mad > 3 * random, policy.kind() + ": MAD's mean KL " + mad + " vs random's " + random);
    }
  }

  private static double meanKl(Policy policy, ActionDistribution clean, NDArray perturbed) {
    return clean.kl(policy.distribution(perturbed)).mean().getFloat();
  }

  /** Q(s) = (s₀, −s₀): action 0 is greedy while s₀ > 0, with margin 2·s₀. */
  private QValuePolicy signOfFirstValue() {
    NDArray weight = manager.create(new float[] {1, 0, -1, 0}, new Shape(2, 2));
    Network q = new Network(new Shape(2), List.of(new Linear(weight, manager.zeros(new Shape(2)))));
    PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, List.of(2), NetworkSpec.mlp(List.of(), "relu", 2, 1.0), 2);
    return new QValuePolicy(spec, ObservationNormalizer.identity(2), q);
  }

  @Test
  void pgdFlipsTheGreedyActionWhereTheCertificateFailsAndNowhereElse() {
    QValuePolicy policy = signOfFirstValue();
    // s₀ = 0.05 is 0.05 from the decision boundary; s₀ = 0.5 is farther than ε = 0.1.
    NDArray states = manager.create(new float[] {0.05f, 0.3f, 0.5f, -0.2f}, new Shape(2, 2));
    ThreatModel threat = ThreatModel.unbounded(0.1, 2);
    ActionCertificate certificate = ActionCertificate.certify(new BoundedNetwork(policy.network()),
        threat.ball(states), BoundMethod.CROWN);
    assertArrayEquals(new boolean[] {false, true}, certificate.certified());
    NDArray perturbed = Attacks.create("pgd", AttackConfig.DEFAULTS, PolicyKind.Q_VALUES, null, 0)
        .perturb(policy, PolicyState.NONE, states, threat);
    assertArrayEquals(new long[] {1, 0}, policy.actDeterministic(perturbed).toLongArray());
    assertArrayEquals(new long[] {0, 0}, policy.actDeterministic(states).toLongArray());
    // Ten steps of ε/10 down the gradient of the cross-entropy reach s₀ − ε.
    assertEquals(-0.05f, perturbed.getFloat(0, 0), 1e-6);
  }

  @Test
  void theCriticAttackWalksDownTheValueFunction() {
    // V(s) = 2·s₀ − s₁: its minimum over the ball is at s − ε·(1, −1), unless the valid range stops it.
    NDArray weight = manager.create(new float[] {2, -1, 0, 0}, new Shape(1, 4));
    Network value = new Network(new Shape(4), List.of(new Linear(weight, manager.zeros(new Shape(1)))));
    ThreatModel threat = threat(EPS);
    NDArray states = manager.create(new float[] {0.5f, 0, 1, 1, 0, 3, 1, 1}, new Shape(2, 4));
    NDArray perturbed = new CriticAttack(Critic.stateValue(value), 10, null)
        .perturb(gaussian(), PolicyState.NONE, states, threat);
    // The second state's s₀ = 0 is at its lower limit and stays there.
    assertArrayEquals(new float[] {0.3f, 0.2f, 1, 1, 0, 3.2f, 1, 1}, perturbed.toFloatArray(), 1e-6f);
  }

  @Test
  void aZeroRadiusLeavesEveryObservationAsItIs() {
    ThreatModel threat = threat(0);
    NDArray states = states();
    for (Policy policy : List.of(gaussian(), qValues())) {
      for (String name : Attacks.defaults(policy.kind(), false, false)) {
        NDArray perturbed = Attacks.create(name, AttackConfig.DEFAULTS, policy.kind(), null, 7)
            .perturb(policy, PolicyState.NONE, states, threat);
        assertArrayEquals(states.toFloatArray(), perturbed.toFloatArray(), name);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ThreatModel.unbounded(-0.1, 4));
  }
}
