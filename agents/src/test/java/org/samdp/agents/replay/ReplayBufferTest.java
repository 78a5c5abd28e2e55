package org.samdp.agents.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.samdp.agents.rollout.SplitMix64;

/** Prioritized replay: probabilities, importance weights and sampling frequencies against hand-computed values. */
class ReplayBufferTest {

  /** A buffer of one-value observations 0, 1, 2, ... with the given priorities set after adding them. */
  private static ReplayBuffer filled(int capacity, double alpha, float... priorities) {
    ReplayBuffer buffer = ReplayBuffer.prioritized(capacity, 1, alpha);
    int[] indices = new int[priorities.length];
    for (int i = 0; i < priorities.length; i++) {
      buffer.add(new double[] {i}, i % 2, 0.5 * i, new double[] {i + 1}, i == 2);
      indices[i] = i;
    }
    buffer.updatePriorities(indices, priorities);
    return buffer;
  }

  @Test
  void probabilitiesAndWeightsMatchHandComputedValues() {
    // α = 0.5: p^α = 2, 1, 3, total 6, so P = 1/3, 1/6, 1/2. With N = 3 and β = 0.5, (N·P)^−β = 1, √2, √(2/3); the
    // largest is at the least likely transition, so the weights are 1/√2, 1, 1/√3.
    ReplayBuffer buffer = filled(4, 0.5, 4f, 1f, 9f);
    assertEquals(1.0 / 3, buffer.probability(0), 1e-12);
    assertEquals(1.0 / 6, buffer.probability(1), 1e-12);
    assertEquals(1.0 / 2, buffer.probability(2), 1e-12);
    assertEquals(1 / Math.sqrt(2), buffer.weight(0, 0.5), 1e-12);
    assertEquals(1.0, buffer.weight(1, 0.5), 1e-12);
    assertEquals(1 / Math.sqrt(3), buffer.weight(2, 0.5), 1e-12);
    // β = 1 is the full correction: w_i = P_min / P_i.
    assertEquals(0.5, buffer.weight(0, 1.0), 1e-12);
    assertEquals(1.0 / 3, buffer.weight(2, 1.0), 1e-12);

    // A new transition gets the largest priority so far (9): p^α = 3, total 9.
    buffer.add(new double[] {3}, 0, 0, new double[] {4}, false);
    assertEquals(3.0 / 9, buffer.probability(3), 1e-12);
    assertEquals(2.0 / 9, buffer.probability(0), 1e-12);
  }

  @Test
  void sampledWeightsAreTheTransitionsWeightsAndTheBatchCarriesTheTransitions() {
    ReplayBuffer buffer = filled(4, 0.5, 4f, 1f, 9f);
    ReplayBuffer.Batch batch = buffer.sample(3, 0.4, new SplitMix64(1));
    for (int k = 0; k < 3; k++) {
      int i = batch.indices()[k];
      assertEquals((float) buffer.weight(i, 0.4), batch.weights()[k]);
      assertEquals(i, batch.observations()[k]);
      assertEquals(i + 1, batch.nextObservations()[k]);
      assertEquals(i % 2, batch.actions()[k]);
      assertEquals(0.5f * i, batch.rewards()[k]);
      assertEquals(i == 2 ? 1f : 0f, batch.terminated()[k]);
    }
  }

  @Test
  void stratifiedSamplingDrawsEachTransitionInProportionToItsProbability() {
    ReplayBuffer buffer = filled(8, 0.7, 1f, 5f, 2f, 0.5f, 3f);
    int[] counts = new int[5];
    SplitMix64 random = new SplitMix64(7);
    int draws = 0;
    for (int round = 0; round < 4000; round++) {
      for (int index : buffer.sample(5, 0.5, random).indices()) {
        counts[index]++;
        draws++;
      }
    }
    for (int i = 0; i < 5; i++) {
      double expected = buffer.probability(i);
      // Stratification only lowers the variance of the binomial frequency; five binomial standard errors.
      double tolerance = 5 * Math.sqrt(expected * (1 - expected) / draws);
      assertEquals(expected, (double) counts[i] / draws, tolerance, "transition " + i);
    }
  }

  @Test
  void alphaZeroIsUniformReplayWithUnitWeights() {
    ReplayBuffer buffer = filled(4, 0.0, 4f, 1f, 9f);
    for (int i = 0; i < 3; i++) {
      assertEquals(1.0 / 3, buffer.probability(i), 1e-12);
      assertEquals(1.0, buffer.weight(i, 0.4), 1e-12);
    }
  }

  @Test
  void aFullBufferOverwritesTheOldestTransition() {
    ReplayBuffer buffer = filled(3, 0.5, 1f, 1f, 1f);
    buffer.add(new double[] {42}, 1, 7, new double[] {43}, false);
    assertEquals(3, buffer.size());
    ReplayBuffer.Batch batch = buffer.sample(3, 1.0, new SplitMix64(3));
    for (int k = 0; k < 3; k++) {
      if (batch.indices()[k] == 0) {
        assertEquals(42f, batch.observations()[k]);
        assertEquals(7f, batch.rewards()[k]);
      }
    }
  }

  @Test
  void savedArraysRestoreABufferThatSamplesIdentically() {
    ReplayBuffer buffer = filled(6, 0.5, 4f, 1f, 9f, 2f);
    ReplayBuffer copy = ReplayBuffer.prioritized(6, 1, 0.5);
    copy.restore(buffer.state(), buffer.arrays("replay"), "replay");
    ReplayBuffer.Batch a = buffer.sample(4, 0.6, new SplitMix64(9));
    ReplayBuffer.Batch b = copy.sample(4, 0.6, new SplitMix64(9));
    assertArrayEquals(a.indices(), b.indices());
    assertArrayEquals(a.weights(), b.weights());
    assertArrayEquals(a.observations(), b.observations());
    assertArrayEquals(a.actions(), b.actions());
    assertEquals(buffer.probability(2), copy.probability(2));
  }

  @Test
  void badUseIsRefused() {
    ReplayBuffer buffer = filled(4, 0.5, 1f, 1f);
    assertThrows(IllegalStateException.class, () -> buffer.sample(3, 0.5, new SplitMix64(1)));
    assertThrows(IllegalArgumentException.class, () -> buffer.updatePriorities(new int[] {0}, new float[] {0f}));
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.updatePriorities(new int[] {3}, new float[] {1f}));
    assertThrows(IllegalArgumentException.class, () -> ReplayBuffer.prioritized(0, 1, 0.5));
  }

  @Test
  void aUniformBufferKeepsActionVectorsDrawsUniformlyAndRestoresExactly() {
    ReplayBuffer buffer = ReplayBuffer.uniform(5, 1, 2);
    for (int i = 0; i < 7; i++) {
      buffer.add(new double[] {i}, new double[] {i, -i}, i, new double[] {i + 1}, false);
    }
    assertEquals(5, buffer.size());
    int[] counts = new int[5];
    SplitMix64 random = new SplitMix64(5);
    int draws = 0;
    for (int round = 0; round < 2000; round++) {
      ReplayBuffer.Batch batch = buffer.sample(4, 0, random);
      for (int k = 0; k < 4; k++) {
        float s = batch.observations()[k];
        assertEquals(s, batch.actions()[2 * k]);
        assertEquals(-s, batch.actions()[2 * k + 1]);
        assertEquals(1f, batch.weights()[k]);
        counts[batch.indices()[k]]++;
        draws++;
      }
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(0.2, (double) counts[i] / draws, 5 * Math.sqrt(0.2 * 0.8 / draws), "transition " + i);
    }
    ReplayBuffer copy = ReplayBuffer.uniform(5, 1, 2);
    copy.restore(buffer.state(), buffer.arrays("replay"), "replay");
    ReplayBuffer.Batch a = buffer.sample(5, 0, new SplitMix64(2));
    ReplayBuffer.Batch b = copy.sample(5, 0, new SplitMix64(2));
    assertArrayEquals(a.observations(), b.observations());
    assertArrayEquals(a.actions(), b.actions());
    assertThrows(IllegalStateException.class, () -> buffer.updatePriorities(new int[] {0}, new float[] {1f}));
    assertThrows(IllegalArgumentException.class,
        () -> buffer.add(new double[] {0}, new double[] {0}, 0, new double[] {0}, false));
  }
}
