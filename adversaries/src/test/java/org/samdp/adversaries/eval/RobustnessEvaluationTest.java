package org.samdp.adversaries.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.DeterministicPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;

/** The harness runs the seeded episodes it promises, steps envs from the true state and counts certificates exactly. */
class RobustnessEvaluationTest {
  private static final String ENV = "CartPole-v1";
  private static final EnvSource ENVS = EnvSource.registered(ENV);
  private static final long SEED = 3;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private QValuePolicy qValues() {
    PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, List.of(4), NetworkSpec.mlp(List.of(16), "relu", 2, 1.0), 2);
    return new QValuePolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 21));
  }

  @SuppressWarnings("unchecked")
  private static Env<double[], Integer> cartPole() {
    return (Env<double[], Integer>) EnvRegistry.make(ENV);
  }

  /** One episode by hand on one env: the certified steps (by the bound engine directly), steps and return. */
  private double[] replay(QValuePolicy policy, long seed, double eps, Integer constantAction) {
    BoundedNetwork bounded = new BoundedNetwork(policy.network());
    int certified = 0;
    int steps = 0;
    double episodeReturn = 0;
    try (Env<double[], Integer> env = cartPole()) {
      double[] observation = env.reset(seed, Map.of()).observation();
      boolean done = false;
      while (!done) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray state = policy.normalize(scope, new double[][] {observation});
          certified += ActionCertificate.certify(bounded, ThreatModel.unbounded(eps, 4).ball(state),
              BoundMethod.CROWN).certified()[0] ? 1 : 0;
          int action = constantAction != null ? constantAction : (int) policy.actDeterministic(state).getLong(0);
          Step<double[]> step = env.step(action);
          observation = step.observation();
          episodeReturn += step.reward();
          steps++;
          done = step.done();
        }
      }
    }
    return new double[] {certified, steps, episodeReturn};
  }

  @Test
  void theHarnessCountsCertifiedActionsAsTheBoundEngineDecidesThem() {
    QValuePolicy policy = qValues();
    double eps = 0.02;
    // CartPole's Box is unbounded in two values and wide in the others, so B(s) is the plain ball here.
    ThreatModel threat = RobustnessEvaluation.threatModel(policy, ENVS, eps);
    RobustnessEvaluation.Settings settings = new RobustnessEvaluation.Settings(5, SEED, 2);
    List<Episode> seen = new ArrayList<>();
    EvaluationResult result = RobustnessEvaluation.run(policy, ENVS, threat, null,
        new Certifier(policy, List.of(BoundMethod.CROWN), 0, 0), settings, seen::add);

    assertEquals(5, seen.size());
    int certified = 0;
    int steps = 0;
    for (Episode episode : result.episodes()) {
      assertEquals(EpisodeLoop.episodeSeed(SEED, 0, episode.index()), episode.seed());
      double[] expected = replay(policy, episode.seed(), eps, null);
      assertEquals(expected[1], episode.length(), "episode " + episode.index());
      assertEquals(expected[2], episode.episodicReturn(), "episode " + episode.index());
      certified += (int) expected[0];
      steps += (int) expected[1];
    }
    CertificateSummary certificates = result.certificates();
    assertEquals(steps, certificates.steps());
    assertTrue(certified > 0 && certified < steps, "want a mix of certified and uncertified steps, got " + certified
        + " of " + steps);
    assertEquals((double) certified / steps, certificates.certifiedRate(), 1e-12);
    assertNull(certificates.klBound());
  }

  @Test
  void aStateIsCertifiedWhenAnyMethodCertifiesIt() {
    QValuePolicy policy = qValues();
    NDArray states = manager.randomUniform(-1, 1, new Shape(200, 4), DataType.FLOAT32);
    ThreatModel threat = ThreatModel.unbounded(0.1, 4);
    BoundedNetwork bounded = new BoundedNetwork(policy.network());
    boolean[] byIbp = ActionCertificate.certify(bounded, threat.ball(states), BoundMethod.IBP).certified();
    boolean[] byCrown = ActionCertificate.certify(bounded, threat.ball(states), BoundMethod.CROWN).certified();

    // CROWN sees only the states IBP left open; the answer must not depend on that.
    boolean[] certified = new Certifier(policy, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0)
        .certify(states, threat).certified();
    int ibpOnly = 0;
    int crownOnly = 0;
    for (int b = 0; b < certified.length; b++) {
      assertEquals(byIbp[b] || byCrown[b], certified[b], "state " + b);
      ibpOnly += byIbp[b] && !byCrown[b] ? 1 : 0;
      crownOnly += byCrown[b] && !byIbp[b] ? 1 : 0;
    }
    assertTrue(crownOnly > 0, "want states that only CROWN certifies");
    assertTrue(ibpOnly + crownOnly < certified.length, "want states both or neither certify");
  }

  @Test
  void theEnvStepsFromTheTrueStateWhateverTheAgentIsShown() {
    QValuePolicy policy = qValues();
    // The agent is shown all-zero observations: it repeats its action at zero, while the pole really falls.
    ObservationAdversary blindfold = (p, state, states, threat) -> states.zerosLike();
    int shownAction = (int) policy.actDeterministic(manager.zeros(new Shape(1, 4))).getLong(0);
    ThreatModel threat = ThreatModel.unbounded(1e9, 4);
    EvaluationResult attacked = RobustnessEvaluation.run(policy, ENVS, threat, blindfold, null,
        RobustnessEvaluation.Settings.of(4, SEED), null);
    for (Episode episode : attacked.episodes()) {
      double[] expected = replay(policy, episode.seed(), 0.01, shownAction);
      assertEquals(expected[1], episode.length(), "episode " + episode.index());
    }
    assertNull(attacked.certificates());
  }

  @Test
  void gaussianPoliciesGetKlAndActionChangeBounds() {
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(3), NetworkSpec.mlp(List.of(8), "tanh", 1, 1.0), 1);
    GaussianPolicy policy = new GaussianPolicy(spec, ObservationNormalizer.identity(3),
        spec.network().build(new Shape(3), manager, DataType.FLOAT32, 4), manager.zeros(new Shape(1)));
    ThreatModel threat = RobustnessEvaluation.threatModel(policy, EnvSource.registered("Pendulum-v1"), 0.05);
    EvaluationResult result = RobustnessEvaluation.run(policy, EnvSource.registered("Pendulum-v1"), threat, null,
        new Certifier(policy, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0.1, 0.01),
        new RobustnessEvaluation.Settings(2, SEED, 2), null);
    CertificateSummary certificates = result.certificates();
    assertEquals(400, certificates.steps(), "two Pendulum episodes of 200 steps");
    assertNull(certificates.certifiedRate());
    assertNull(certificates.certifiedRadius());
    assertNotNull(certificates.actionChangeL2());
    // With one action dimension and σ = 1 the KL bound is half the squared action-change bound.
    assertEquals(0.5 * certificates.actionChangeL1().max() * certificates.actionChangeL1().max(),
        certificates.klBound().max(), 1e-6);
    assertTrue(certificates.klBound().min() > 0);
  }

  @Test
  void deterministicActorsGetActionChangeBoundsAndNoKl() {
    PolicySpec spec = new PolicySpec(PolicyKind.DETERMINISTIC, List.of(3), NetworkSpec.mlp(List.of(8), "tanh", 1, 1.0),
        1);
    DeterministicPolicy actor = new DeterministicPolicy(spec, ObservationNormalizer.identity(3),
        spec.network().build(new Shape(3), manager, DataType.FLOAT32, 4));
    EnvSource pendulum = EnvSource.registered("Pendulum-v1");
    EvaluationResult result = RobustnessEvaluation.run(actor, pendulum,
        RobustnessEvaluation.threatModel(actor, pendulum, 0.05), null,
        new Certifier(actor, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0), RobustnessEvaluation.Settings.of(1, SEED), null);
    CertificateSummary certificates = result.certificates();
    assertEquals(200, certificates.steps());
    assertNull(certificates.klBound());
    assertNull(certificates.certifiedRate());
    assertTrue(certificates.actionChangeL1().min() > 0 && certificates.actionChangeL1().max() < 10,
        "bounded, non-zero action changes: " + certificates.actionChangeL1());
  }

  @Test
  void atRadiusZeroEveryCertificateBoundIsZeroOrMoreNeverALittleBelow() {
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(4), NetworkSpec.mlp(List.of(64, 64), "tanh", 3, 1.0),
        3);
    GaussianPolicy policy = new GaussianPolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 8), manager.zeros(new Shape(3)));
    NDArray states = manager.randomNormal(0, 3, new Shape(500, 4), DataType.FLOAT32);
    Certificates certificates = new Certifier(policy, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0)
        .certify(states, ThreatModel.unbounded(0, 4));
    for (double[] bound : List.of(certificates.klBound(), certificates.actionChangeL1(), certificates.actionChangeL2(),
        certificates.actionChangeLinf())) {
      for (double value : bound) {
        assertTrue(value >= 0, "a bound on a KL or a norm is never negative, got " + value);
      }
    }
  }
}
