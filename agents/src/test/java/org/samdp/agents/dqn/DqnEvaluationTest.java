package org.samdp.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.policy.QValuePolicy;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.PolicyEvaluation;

/** The robustness evaluation plays the same episodes as the clean evaluation, and its attack and certificates. */
class DqnEvaluationTest {

  private static QValuePolicy policy(NDManager manager, List<Integer> shape, DqnConfig.QNetwork network,
      int actions) {
    PolicySpec spec = new PolicySpec(PolicyKind.Q_VALUES, shape, network.spec(actions), actions);
    Shape input = new Shape(shape.stream().mapToLong(Integer::longValue).toArray());
    return new QValuePolicy(spec, ObservationNormalizer.identity((int) input.size()),
        spec.network().build(input, manager, DataType.FLOAT32, 9));
  }

  @Test
  void withoutAttackTheEpisodesAreTheCleanEvaluationsAndAZeroBallCertifiesEveryAction() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QValuePolicy q = policy(manager, List.of(4), new DqnConfig.QNetwork(DqnConfig.NetworkKind.MLP,
          List.of(), List.of(16), true, 8), 2);
      List<Episode> clean = PolicyEvaluation.run(q, "CartPole-v1", 5, 77, true, manager);
      DqnEvaluation.Result result = DqnEvaluation.run(q, "CartPole-v1",
          new DqnEvaluation.Options(5, 77, 0.0, 0, true, 500), manager);
      assertArrayEquals(clean.stream().mapToDouble(Episode::episodicReturn).toArray(), result.returns());
      assertEquals(clean.stream().mapToInt(Episode::length).sum(), result.steps());
      assertEquals(1.0, result.certificationRate(), "a greedy action with a positive margin is certified at eps 0");
      DqnEvaluation.Result zeroAttack = DqnEvaluation.run(q, "CartPole-v1",
          new DqnEvaluation.Options(5, 77, 0.0, 10, false, 500), manager);
      assertArrayEquals(result.returns(), zeroAttack.returns());
    }
  }

  @Test
  void aWiderBallCertifiesFewerActionsAndARadiusBeyondThePixelRangeIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QValuePolicy q = policy(manager, List.of(4, 10, 10), new DqnConfig.QNetwork(
          DqnConfig.NetworkKind.CNN, List.of(new DqnConfig.Conv(4, 3, 1)), List.of(16), true, 8), 3);
      DqnEvaluation.Result small = DqnEvaluation.run(q, "MinAtar/Breakout-v1",
          new DqnEvaluation.Options(3, 5, 0.001, 0, true, 50), manager);
      DqnEvaluation.Result large = DqnEvaluation.run(q, "MinAtar/Breakout-v1",
          new DqnEvaluation.Options(3, 5, 0.3, 0, true, 50), manager);
      assertArrayEquals(small.returns(), large.returns(), "certifying does not change the episodes");
      assertTrue(large.certificationRate() < small.certificationRate(), large.certificationRate() + " vs "
          + small.certificationRate());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DqnEvaluation.run(q,
          "MinAtar/Breakout-v1", new DqnEvaluation.Options(1, 5, 1.5, 10, false, 10), manager));
      assertTrue(e.getMessage().contains("for pixel observations in [0.0, 1.0]"), e.getMessage());
    }
  }
}
