package org.samdp.agents.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.nn.NetworkSpec;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.CategoricalPolicy;
import org.samdp.agents.policy.GaussianPolicy;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicySpec;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.bounds.BoundedNetwork;

/** SGLD finds large KLs inside the ball; the convex relaxation bounds them from above. */
class RegularizerSolversTest {
  private static final int BATCH = 32;
  private static final double EPS = 0.1;

  private static GaussianPolicy gaussian(NDManager manager) {
    // Output gain 1 (not PPO's 0.01) so that the KL is far from zero.
    PolicySpec spec = new PolicySpec(PolicyKind.GAUSSIAN, List.of(4),
        NetworkSpec.mlp(List.of(16, 16), "tanh", 2, 1.0), 2);
    return new GaussianPolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 12), manager.full(new Shape(2), -0.5f));
  }

  private static CategoricalPolicy categorical(NDManager manager) {
    PolicySpec spec = new PolicySpec(PolicyKind.CATEGORICAL, List.of(4),
        NetworkSpec.mlp(List.of(16, 16), "tanh", 3, 1.0), 3);
    return new CategoricalPolicy(spec, ObservationNormalizer.identity(4),
        spec.network().build(new Shape(4), manager, DataType.FLOAT32, 13));
  }

  private static NDArray states(NDManager manager) {
    SplitMix64 random = new SplitMix64(5);
    float[] values = new float[BATCH * 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(BATCH, 4));
  }

  private static float[] kl(Policy policy, ActionDistribution clean, NDArray perturbed) {
    return clean.kl(policy.distribution(perturbed)).toFloatArray();
  }

  private static NDArray sgld(Policy policy, ActionDistribution clean, NDArray states, double temperature) {
    Policy view = policy.detached();
    return new ProjectedGradient(10, null, false, temperature).maximize(s -> clean.kl(view.distribution(s)), states,
        ThreatModel.unbounded(EPS, 4), new SplitMix64(8));
  }

  /** SA-PPO's SGLD as the authors' code runs it: a first move of η·sign(ξ), then decaying Langevin noise. */
  private static NDArray authorsSgld(Policy policy, ActionDistribution clean, NDArray states) {
    Policy view = policy.detached();
    ProjectedGradient solver = new ProjectedGradient(10, null, false, 1e-5, ProjectedGradient.Noise.DECAYING_LANGEVIN);
    ThreatModel ball = ThreatModel.unbounded(EPS, 4);
    SplitMix64 random = new SplitMix64(8);
    NDArray start = solver.noiseSignStep(states, ball, random);
    float[] firstMove = start.sub(states).abs().toFloatArray();
    for (float move : firstMove) {
      assertEquals(EPS / 10, move, 1e-6, "the first move is η = ε/K in every coordinate");
    }
    return solver.maximize(s -> clean.kl(view.distribution(s)), states, start, ball, random);
  }

  @Test
  void sgldBeatsRandomPointsOfTheBallAndNeverLeavesIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy policy = gaussian(manager);
      NDArray states = states(manager);
      ActionDistribution clean = policy.detached().distribution(states);
      NDArray perturbed = authorsSgld(policy, clean, states);
      float distance = perturbed.sub(states).abs().max().getFloat();
      assertTrue(distance <= EPS + 1e-6, "SGLD left the ball: " + distance);
      float[] found = kl(policy, clean, perturbed);

      SplitMix64 random = new SplitMix64(21);
      int samples = 50;
      float[] bestRandom = new float[BATCH];
      float[] meanRandom = new float[BATCH];
      for (int sample = 0; sample < samples; sample++) {
        float[] offsets = new float[BATCH * 4];
        for (int i = 0; i < offsets.length; i++) {
          offsets[i] = (float) ((2 * random.nextDouble() - 1) * EPS);
        }
        float[] klAtRandom = kl(policy, clean, states.add(manager.create(offsets, states.getShape())));
        for (int b = 0; b < BATCH; b++) {
          bestRandom[b] = Math.max(bestRandom[b], klAtRandom[b]);
          meanRandom[b] += klAtRandom[b] / samples;
        }
      }
      // Per state SGLD beats a typical random point; over the batch (what the regulariser averages) it beats the
      // best of 50 random points per state.
      double foundMean = 0;
      double bestRandomMean = 0;
      for (int b = 0; b < BATCH; b++) {
        assertTrue(found[b] >= meanRandom[b], "state " + b + ": SGLD " + found[b] + " < mean random " + meanRandom[b]);
        foundMean += found[b] / BATCH;
        bestRandomMean += bestRandom[b] / BATCH;
      }
      assertTrue(foundMean >= bestRandomMean, "SGLD mean KL " + foundMean + " < best-of-50 random " + bestRandomMean);
    }
  }

  @Test
  void withoutNoiseSignAscentCannotLeaveTheCentre() {
    // The gradient of a divergence vanishes at ŝ = s: the temperature's noise is what starts SGLD.
    try (NDManager manager = NDManager.newBaseManager()) {
      GaussianPolicy policy = gaussian(manager);
      NDArray states = states(manager);
      ActionDistribution clean = policy.detached().distribution(states);
      float moved = sgld(policy, clean, states, 0).sub(states).abs().max().getFloat();
      assertEquals(0f, moved, 1e-7f);
    }
  }

  @Test
  void theConvexBoundIsAtLeastTheSgldKlForEveryStateAndMix() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (Policy policy : List.of(gaussian(manager), categorical(manager))) {
        NDArray states = states(manager);
        ActionDistribution clean = policy.detached().distribution(states);
        float[] found = kl(policy, clean, authorsSgld(policy, clean, states));
        BoundedNetwork bounded = new BoundedNetwork(policy.network());
        // The ½ form is the Gaussian KL's bound (eq. 6.6); a categorical policy's bound is the KL's in every form.
        SaPpoRegularizer kl = new SaPpoRegularizer(true, false, true);
        ActionDistribution live = policy.distribution(states);
        for (double crownIbpWeight : new double[] {0, 0.5, 1}) {
          float[] bound = kl.overBall(bounded, policy, states, clean, live, EPS, crownIbpWeight).toFloatArray();
          for (int b = 0; b < BATCH; b++) {
            assertTrue(bound[b] >= found[b] - 1e-6, policy.kind() + " state " + b + " beta " + crownIbpWeight
                + ": bound " + bound[b] + " < SGLD " + found[b]);
          }
        }
        float[] atZero = kl.overBall(bounded, policy, states, clean, live, 0, 1).toFloatArray();
        for (float value : atZero) {
          assertEquals(0f, value, 1e-5f, policy.kind() + ": the bound over a point must be 0");
        }
      }
    }
  }
}
