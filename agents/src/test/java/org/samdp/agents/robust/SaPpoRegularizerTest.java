package org.samdp.agents.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.bounds.BoundedNetwork;

/**
 * SA-PPO's regulariser in each form, value and gradient, on a 2-2-1 ReLU policy with weights set by hand and σ = 2,
 * against numbers worked out by hand in the comments (W1 = [[1, 2], [−1, 1]], W2 = [1, −1], b2 = 0.5, s = (0.5,
 * 0.5), ε = 0.1).
 */
class SaPpoRegularizerTest {
  private static final float TOLERANCE = 1e-6f;
  private static final double EPS = 0.1;

  /** The policy; {@code b1} decides whether the second hidden unit stays active over the ball. */
  private static GaussianPolicy policy(NDManager manager, float[] b1) {
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(2), NetworkSpec.mlp(List.of(2), "relu", 1, 1.0), 1);
    GaussianPolicy policy = new GaussianPolicy(spec, ObservationNormalizer.identity(2),
        spec.network().build(new Shape(2), manager, DataType.FLOAT32, 1),
        manager.create(new float[] {(float) Math.log(2)}));
    List<NDArray> p = policy.network().parameters();
    p.get(0).set(new float[] {1, 2, -1, 1});
    p.get(1).set(b1);
    p.get(2).set(new float[] {1, -1});
    p.get(3).set(new float[] {0.5f});
    return policy;
  }

  /** The value and the gradients with respect to W2, b2 and log σ, {@code {R, dW2_1, dW2_2, db2, dlogσ}}. */
  private static float[] valueAndGradients(GaussianPolicy policy, java.util.function.Supplier<NDArray> regularizer) {
    float value;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray r = regularizer.get().sum();
      value = r.getFloat();
      collector.backward(r);
    }
    List<NDArray> p = policy.network().parameters();
    float[] w2 = p.get(2).getGradient().toFloatArray();
    return new float[] {value, w2[0], w2[1], p.get(3).getGradient().getFloat(), policy.logStd().getGradient()
        .getFloat()};
  }

  private static float[] convex(SaPpoRegularizer form, float[] b1, double crownIbpWeight) {
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy policy = policy(manager, b1);
      NDArray states = manager.create(new float[] {0.5f, 0.5f}, new Shape(1, 2));
      ActionDistribution clean = policy.detached().distribution(states);
      BoundedNetwork bounded = new BoundedNetwork(policy.network());
      return valueAndGradients(policy, () -> form.overBall(bounded, policy, states, clean,
          policy.distribution(states), EPS, crownIbpWeight));
    }
  }

  private static float[] sgld(SaPpoRegularizer form) {
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy policy = policy(manager, new float[] {1, 2});
      NDArray states = manager.create(new float[] {0.5f, 0.5f}, new Shape(1, 2));
      NDArray perturbed = manager.create(new float[] {0.6f, 0.4f}, new Shape(1, 2));
      ActionDistribution clean = policy.detached().distribution(states);
      return valueAndGradients(policy, () -> form.atPerturbation(clean, policy.distribution(perturbed)));
    }
  }

  private static float[] halved(float[] values) {
    float[] half = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      half[i] = values[i] / 2;
    }
    return half;
  }

  @Test
  void sgldFormAtAGivenPerturbation() {
    // h(ŝ) = relu(W1 (0.6, 0.4) + b1) = (2.4, 1.8), μ(ŝ) = 2.4 − 1.8 + 0.5 = 1.1, μ(s) = 2.5 − 2 + 0.5 = 1.0, so
    // Δ = 0.1 and R = Δ²/σ² = 0.0025. μ(s) is a constant: dR/dW2 = 2Δ/σ²·h(ŝ) = 0.05·(2.4, 1.8), dR/db2 = 0.05;
    // dR/dlog σ = −2R.
    float[] authors = {0.0025f, 0.12f, 0.09f, 0.05f, -0.005f};
    assertArrayEquals(authors, sgld(new SaPpoRegularizer(false, false, true)), TOLERANCE);
    assertArrayEquals(halved(authors), sgld(new SaPpoRegularizer(true, false, true)), TOLERANCE);
    float[] detached = authors.clone();
    detached[4] = 0;
    assertArrayEquals(detached, sgld(new SaPpoRegularizer(false, true, true)), TOLERANCE);
  }

  @Test
  void convexFormOnIbpBoundsWithAnUnstableUnit() {
    // b1 = (1, 0.05): z = (2.5, 0.05); over the ball z1 ∈ [2.2, 2.8] and z2 ∈ [−0.15, 0.25] (unstable), so IBP gives
    // h1 ∈ [2.2, 2.8], h2 ∈ [0, 0.25] and μ ∈ [2.2 − 0.25 + 0.5, 2.8 + 0.5] = [2.45, 3.3] around μ(s) = 2.95: the
    // lower side is the larger, d = μ(s) − l = 0.5 and R = d²/σ² = 0.0625; dR/dθ = 2d/σ²·dd/dθ = 0.25·dd/dθ.
    // With μ(s) live, d = W2_1·ε·‖W1_1‖₁ − W2_2·ε·‖W1_2‖₁: dd/dW2 = (0.3, −0.2), dd/db2 = 0.
    float[] b1 = {1, 0.05f};
    float[] authors = {0.0625f, 0.075f, -0.05f, 0, -0.125f};
    assertArrayEquals(authors, convex(new SaPpoRegularizer(false, false, true), b1, 0), TOLERANCE);
    assertArrayEquals(halved(authors), convex(new SaPpoRegularizer(true, false, true), b1, 0), TOLERANCE);
    // With μ(s) a constant only l moves: dd/dW2 = −(l_h1, u_h2) = (−2.2, −0.25), dd/db2 = −1.
    float[] constantMean = {0.0625f, -0.55f, -0.0625f, -0.25f, -0.125f};
    assertArrayEquals(constantMean, convex(new SaPpoRegularizer(false, false, false), b1, 0), TOLERANCE);
    float[] detachedStd = authors.clone();
    detachedStd[4] = 0;
    assertArrayEquals(detachedStd, convex(new SaPpoRegularizer(false, true, true), b1, 0), TOLERANCE);
  }

  @Test
  void convexFormMixesCrownIbpAndIbp() {
    // b1 = (1, 2): both units stay active (z1 ∈ [2.2, 2.8], z2 ∈ [1.8, 2.2]), so CROWN-IBP is exact: μ(s) ± ε·‖W2 W1‖₁
    // = 1 ± 0.3, and IBP gives 1 ± ε·(|W2_1|·3 + |W2_2|·2) = 1 ± 0.5. Half and half: d = 0.4, R = 0.16/4 = 0.04.
    // dd/dW2_1 = 0.5·ε·3 + 0.5·ε·3 = 0.3, dd/dW2_2 = 0.5·ε·(−1 + 1) + 0.5·ε·(−2) = −0.1; dR/dθ = 2d/σ²·dd/dθ.
    float[] b1 = {1, 2};
    assertArrayEquals(new float[] {0.04f, 0.06f, -0.02f, 0, -0.08f},
        convex(new SaPpoRegularizer(false, false, true), b1, 0.5), TOLERANCE);
    assertEquals(0.09f / 4, convex(new SaPpoRegularizer(false, false, true), b1, 1)[0], TOLERANCE);
  }
}
