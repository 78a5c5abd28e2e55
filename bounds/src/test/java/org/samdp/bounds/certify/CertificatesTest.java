package org.samdp.bounds.certify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Network;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/** Certificates against closed forms (linear networks) and against sampled perturbations. */
class CertificatesTest {

  @Test
  void marginRowsCompareTheChosenActionWithEveryOther() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray c = Margins.against(manager.create(new long[] {2, 0}), 3, DataType.FLOAT64);
      assertEquals(new Shape(2, 2, 3), c.getShape());
      assertArrayEquals(new double[] {-1, 0, 1, 0, -1, 1, 1, -1, 0, 1, 0, -1}, c.toDoubleArray());
    }
  }

  /** For a linear Q-network the ℓ∞ margin bound is exact: m(ε) = m0 - ε·||w_a* - w_a||_1. */
  @Test
  void linearQNetworkCertificatesAndRadiusMatchTheClosedForm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new double[] {1, 0.5, -1, 2, 0, 1}, new Shape(3, 2));
      NDArray bias = manager.create(new double[] {0.2, 0, -0.1});
      BoundedNetwork q = new BoundedNetwork(new Network(new Shape(2), List.of(new Linear(weight, bias))));
      NDArray state = manager.create(new double[] {1, 0.2}, new Shape(1, 2)); // Q = [1.3, -0.6, 0.1]: a* = 0
      ActionCertificate certificate = ActionCertificate.certify(q, LpBall.of(state, Norm.INF, 0.05), BoundMethod.CROWN);
      assertEquals(0, certificate.greedyActions()[0]);
      // Margins against actions 1 and 2: 1.9 - 0.05·3.5 and 1.2 - 0.05·1.5.
      assertArrayEquals(new double[] {1.9 - 0.175, 1.2 - 0.075}, certificate.marginLower()[0], 1e-12);
      assertTrue(certificate.certified()[0]);
      double radius = CertifiedRadius.search(q, state, Norm.INF, 1, 1e-6, BoundMethod.CROWN)[0];
      assertEquals(1.9 / 3.5, radius, 1e-6);
      assertFalse(ActionCertificate.certify(q, LpBall.of(state, Norm.INF, 0.6), BoundMethod.IBP).certified()[0]);
    }
  }

  @Test
  void actionChangeAndKlBoundsHoldForSampledPerturbations() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network policy = Network.builder(new Shape(4)).linear(16).tanh().linear(3).build(manager, DataType.FLOAT64, 8);
      BoundedNetwork bounded = new BoundedNetwork(policy);
      manager.getEngine().setRandomSeed(8);
      NDArray states = manager.randomNormal(new Shape(5, 4), DataType.FLOAT64);
      double eps = 0.1;
      LpBall ball = LpBall.of(states, Norm.INF, eps);
      NDArray clean = policy.forward(states);
      ActionChangeBound change = ActionChangeBound.fromBounds(clean, bounded.compute(ball, BoundMethod.CROWN));
      NDArray std = manager.create(new double[] {0.5, 1, 2});
      NDArray kl = GaussianKlBound.fromBounds(clean, bounded.compute(ball, BoundMethod.CROWN_IBP), std);
      for (int s = 0; s < 200; s++) {
        NDArray noise = manager.randomUniform(-1, 1, states.getShape(), DataType.FLOAT64).sign().mul(eps);
        NDArray moved = policy.forward(states.add(noise)).sub(clean);
        double[] l1 = moved.abs().sum(new int[] {1}).toDoubleArray();
        double[] l2 = moved.square().sum(new int[] {1}).sqrt().toDoubleArray();
        double[] linf = moved.abs().max(new int[] {1}).toDoubleArray();
        double[] sampledKl = moved.div(std).square().sum(new int[] {1}).div(2).toDoubleArray();
        for (int b = 0; b < 5; b++) {
          assertTrue(l1[b] <= change.l1()[b] && l2[b] <= change.l2()[b] && linf[b] <= change.linf()[b]);
          assertTrue(sampledKl[b] <= kl.getDouble(b));
        }
      }
      for (int b = 0; b < 5; b++) {
        assertTrue(change.linf()[b] <= change.l2()[b] && change.l2()[b] <= change.l1()[b]);
        assertTrue(change.meanRange()[b] > 0);
      }
    }
  }

  @Test
  void klBoundTrainsThePolicyMean() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Network policy = Network.builder(new Shape(3)).linear(8).relu().linear(2).build(manager, DataType.FLOAT64, 3);
      policy.parameters().forEach(p -> p.setRequiresGradient(true));
      NDArray states = manager.ones(new Shape(2, 3), DataType.FLOAT64).mul(0.3);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray kl = GaussianKlBound.fromBounds(policy.forward(states), new BoundedNetwork(policy)
            .compute(LpBall.of(states, Norm.INF, 0.1), BoundMethod.CROWN_IBP), manager.ones(new Shape(2),
            DataType.FLOAT64));
        collector.backward(kl.sum());
      }
      assertTrue(policy.parameters().get(0).getGradient().abs().sum().getDouble() > 0);
    }
  }
}
