package org.samdp.agents.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.DiagonalGaussian;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ProjectedGradient;
import org.samdp.agents.threat.ThreatModel;

/**
 * The convex SA-PPO regulariser of a tiny LSTM policy on sequences of 6 steps in chunks of 4 (one sequence padded
 * after its 4th step): an upper bound of the KL at every step over the balls of the chunk's observations so far.
 */
class RecurrentConvexRegularizerTest {
  private static final int BATCH = 4;
  private static final int STEPS = 6;
  private static final int CHUNK = 4;
  private static final int FEATURES = 3;
  private static final double EPS = 0.3;
  /** The ½ form is the Gaussian KL's bound (eq. 6.6). */
  private static final SaPpoRegularizer KL = new SaPpoRegularizer(true, false, true);

  private static RecurrentPolicy policy(NDManager manager) {
    RecurrentPolicy policy = RecurrentPolicy.create(PolicyKind.GAUSSIAN, FEATURES, 2, "lstm", 8, 8, -0.5,
        ObservationNormalizer.identity(FEATURES), manager, 31);
    // The embedding at gain 1 rather than ATLA's 0.01, so that the ball moves the policy.
    NDArray embedding = policy.recurrentNetwork().parameters().get(0);
    embedding.set(embedding.mul(100).toFloatArray());
    return policy;
  }

  private static NDArray gaussian(NDManager manager, Shape shape, long seed, double scale) {
    SplitMix64 random = new SplitMix64(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return manager.create(values, shape);
  }

  /** A state the sequences start from that is not the zero state. */
  private static PolicyState start(NDManager manager) {
    return new PolicyState(List.of(gaussian(manager, new Shape(BATCH, 8), 3, 0.5),
        gaussian(manager, new Shape(BATCH, 8), 4, 0.5)));
  }

  /** 1 on real steps, 0 on the last sequence's two padded steps, {@code [B·T]}. */
  private static NDArray mask(NDManager manager) {
    float[] mask = new float[BATCH * STEPS];
    for (int row = 0; row < mask.length; row++) {
      mask[row] = row >= (BATCH - 1) * STEPS + CHUNK ? 0 : 1;
    }
    return manager.create(mask);
  }

  private static NDArray convex(RecurrentPolicy policy, NDArray sequences, PolicyState start, double beta) {
    ActionDistribution clean = policy.detached().sequenceDistribution(sequences, start, CHUNK);
    ActionDistribution live = policy.sequenceDistribution(sequences, start, CHUNK);
    return KL.overSequenceBalls(policy, sequences, start, CHUNK, clean, live, EPS, beta);
  }

  /** The KL at every step when the observations are {@code perturbed}, each chunk read from its clean state. */
  private static float[] klWithCleanChunkStarts(RecurrentPolicy policy, NDArray sequences, PolicyState start,
      NDArray perturbed) {
    ActionDistribution clean = policy.sequenceDistribution(sequences, start, CHUNK);
    List<NDArray> atChunk = policy.recurrentNetwork().sequence(sequences.get(":, :{}, :", CHUNK), start.arrays(),
        CHUNK).state();
    NDArray first = policy.recurrentNetwork().sequence(perturbed.get(":, :{}, :", CHUNK), start.arrays(), CHUNK)
        .output();
    NDArray second = policy.recurrentNetwork().sequence(perturbed.get(":, {}:, :", CHUNK), atChunk, CHUNK).output();
    NDArray means = first.concat(second, 1).reshape(BATCH * STEPS, -1);
    return clean.kl(new DiagonalGaussian(means, policy.logStd())).toFloatArray();
  }

  @Test
  void theBoundIsAtLeastSgldsAndRandomPointsKlAtEveryRealStep() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RecurrentPolicy policy = policy(manager);
      RecurrentPolicy view = policy.detached();
      NDArray sequences = gaussian(manager, new Shape(BATCH, STEPS, FEATURES), 5, 1);
      PolicyState start = start(manager);
      float[] mask = mask(manager).toFloatArray();

      // SGLD over every step of the sequences, as the learner runs it; within the first chunk it maximises the same
      // KL as the bound (later chunks start from the state its perturbed first chunk leads to).
      ActionDistribution clean = view.sequenceDistribution(sequences, start, CHUNK);
      ProjectedGradient solver = new ProjectedGradient(10, null, false, 1e-5,
          ProjectedGradient.Noise.DECAYING_LANGEVIN);
      ThreatModel ball = ThreatModel.unbounded(EPS, FEATURES);
      SplitMix64 random = new SplitMix64(8);
      NDArray found = solver.maximize(s -> clean.kl(view.sequenceDistribution(s, start, CHUNK)), sequences,
          solver.noiseSignStep(sequences, ball, random), ball, random);
      float[] sgld = clean.kl(view.sequenceDistribution(found, start, CHUNK)).toFloatArray();

      float[] bestRandom = new float[BATCH * STEPS];
      SplitMix64 offsets = new SplitMix64(21);
      for (int sample = 0; sample < 15; sample++) {
        float[] delta = new float[BATCH * STEPS * FEATURES];
        for (int i = 0; i < delta.length; i++) {
          delta[i] = (float) ((2 * offsets.nextDouble() - 1) * EPS);
        }
        float[] kl = klWithCleanChunkStarts(view, sequences, start,
            sequences.add(manager.create(delta, sequences.getShape())));
        for (int row = 0; row < kl.length; row++) {
          bestRandom[row] = Math.max(bestRandom[row], kl[row]);
        }
      }
      double sgldMean = 0;
      for (int row = 0; row < sgld.length; row++) {
        sgldMean += sgld[row] / sgld.length;
      }
      assertTrue(sgldMean > 1e-3, "the ball must move the policy for the comparison to mean something: " + sgldMean);

      for (double beta : new double[] {0, 0.5, 1}) {
        float[] bound = convex(policy, sequences, start, beta).toFloatArray();
        for (int row = 0; row < bound.length; row++) {
          if (mask[row] == 0) {
            continue;
          }
          String where = "beta " + beta + " sequence " + row / STEPS + " step " + row % STEPS + ": bound " + bound[row];
          assertTrue(bound[row] >= bestRandom[row] - 1e-5, where + " < KL at a random point " + bestRandom[row]);
          if (row % STEPS < CHUNK) {
            assertTrue(bound[row] >= sgld[row] - 1e-5, where + " < SGLD's KL " + sgld[row]);
          }
        }
      }
      float[] atZero = KL.overSequenceBalls(policy, sequences, start, CHUNK, clean,
          policy.sequenceDistribution(sequences, start, CHUNK), 0, 1).toFloatArray();
      for (float value : atZero) {
        assertEquals(0f, value, 1e-5f, "the bound over points must be 0");
      }
    }
  }

  @Test
  void paddingContributesNothingAndTheGradientReachesEveryWeight() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RecurrentPolicy policy = policy(manager);
      NDArray sequences = gaussian(manager, new Shape(BATCH, STEPS, FEATURES), 5, 1);
      PolicyState start = start(manager);
      NDArray mask = mask(manager);
      float value;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray r = convex(policy, sequences, start, 0.5).mul(mask).sum().div(mask.sum());
        value = r.getFloat();
        collector.backward(r);
      }
      assertTrue(value > 0 && Float.isFinite(value), "R = " + value);
      for (NDArray parameter : policy.parameters()) {
        float[] gradient = parameter.getGradient().toFloatArray();
        double norm = 0;
        for (float g : gradient) {
          assertTrue(Float.isFinite(g), "a non-finite gradient of " + parameter.getShape());
          norm += g * g;
        }
        assertTrue(norm > 0, "no gradient reaches the parameter " + parameter.getShape());
      }

      NDArray changed = sequences.duplicate();
      changed.set(new NDIndex("{}, {}:, :", BATCH - 1, CHUNK), 100f);
      float[] before = convex(policy.detached(), sequences, start, 0.5).mul(mask).toFloatArray();
      float[] after = convex(policy.detached(), changed, start, 0.5).mul(mask).toFloatArray();
      assertArrayEquals(before, after, "changing padded observations changed R");
    }
  }
}
