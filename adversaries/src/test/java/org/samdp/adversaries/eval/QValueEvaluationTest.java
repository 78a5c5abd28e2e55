package org.samdp.adversaries.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.adversaries.attack.PgdAttack;
import org.samdp.agents.dqn.DqnConfig;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundMethod;

/**
 * A greedy Q policy through the robustness evaluation: the same episodes as the clean evaluation, PGD at radius 0
 * changes nothing, and the action certification rate falls as the ball grows.
 */
class QValueEvaluationTest {

  private static QValuePolicy policy(NDManager manager, List<Integer> shape, DqnConfig.QNetwork network,
      int actions) {
    PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, shape, network.spec(actions), actions);
    Shape input = new Shape(shape.stream().mapToLong(Integer::longValue).toArray());
    return new QValuePolicy(spec, ObservationNormalizer.identity((int) input.size()),
        spec.network().build(input, manager, DataType.FLOAT32, 9));
  }

  private static EvaluationResult evaluate(QValuePolicy q, EnvSource envs, double eps, boolean attack, boolean certify,
      int episodes, long seed) {
    ThreatModel threat = RobustnessEvaluation.threatModel(q, envs, eps);
    return RobustnessEvaluation.run(q, envs, threat, attack ? new PgdAttack(10, null) : null,
        certify ? new Certifier(q, List.of(BoundMethod.IBP, BoundMethod.CROWN), 0, 0) : null,
        RobustnessEvaluation.Settings.of(episodes, seed), null);
  }

  @Test
  void withoutAttackTheEpisodesAreTheCleanEvaluationsAndAZeroBallCertifiesEveryAction() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QValuePolicy q = policy(manager, List.of(4), new DqnConfig.QNetwork(DqnConfig.NetworkKind.MLP,
          List.of(), List.of(16), true, 8), 2);
      EnvSource cartPole = EnvSource.registered("CartPole-v1");
      List<Episode> clean = PolicyEvaluation.run(q, cartPole, 5, 77, true, manager);
      EvaluationResult result = evaluate(q, cartPole, 0, false, true, 5, 77);
      assertArrayEquals(clean.stream().mapToDouble(Episode::episodicReturn).toArray(), result.returns());
      assertEquals(clean.stream().mapToInt(Episode::length).sum(), result.certificates().steps());
      assertEquals(1.0, result.certificates().certifiedRate(),
          "a greedy action with a positive margin is certified at eps 0");
      assertArrayEquals(result.returns(), evaluate(q, cartPole, 0, true, false, 5, 77).returns());
    }
  }

  @Test
  void aWiderBallCertifiesFewerActionsAndARadiusBeyondThePixelRangeIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QValuePolicy q = policy(manager, List.of(4, 10, 10), new DqnConfig.QNetwork(
          DqnConfig.NetworkKind.CNN, List.of(new DqnConfig.Conv(4, 3, 1)), List.of(16), true, 8), 3);
      EnvSource breakout = EnvSource.registered("MinAtar/Breakout-v1");
      EvaluationResult small = evaluate(q, breakout, 0.001, false, true, 3, 5);
      EvaluationResult large = evaluate(q, breakout, 0.3, false, true, 3, 5);
      assertArrayEquals(small.returns(), large.returns(), "certifying does not change the episodes");
      assertTrue(large.certificates().certifiedRate() < small.certificates().certifiedRate(),
          large.certificates().certifiedRate() + " vs " + small.certificates().certifiedRate());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RobustnessEvaluation.threatModel(q, breakout, 1.5));
      assertTrue(e.getMessage().contains("for observations in [0.0, 1.0]"), e.getMessage());
    }
  }
}
