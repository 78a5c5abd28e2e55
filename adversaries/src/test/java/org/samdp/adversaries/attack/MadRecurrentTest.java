package org.samdp.adversaries.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.samdp.agents.policy.ActionDistribution;
import org.samdp.agents.policy.ObservationNormalizer;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.policy.RecurrentPolicy;
import org.samdp.agents.threat.ThreatModel;

/**
 * MAD on an LSTM policy: it searches with the victim's history paused, and finds more KL than random noise. The
 * observations come from a seeded generator, not PyTorch's global one, whose state depends on the tests that ran
 * before in the same JVM (so the test once drew inputs where MAD found only 2.3× random's KL). With seeds 1 to 8 MAD
 * found 5.1 to 15.4× random's KL; the test asserts 2×, which every draw so far met.
 */
class MadRecurrentTest {
  private static final long SEED = 1;

  @Test
  void madQueriesTheVictimsStateWithoutAdvancingItAndBeatsRandomNoise() {
    Random random = new Random(SEED);
    try (NDManager manager = NDManager.newBaseManager()) {
      RecurrentPolicy policy = RecurrentPolicy.create(PolicyKind.GAUSSIAN, 4, 2, "lstm", 16, 16, 0,
          ObservationNormalizer.identity(4), manager, 3);
      policy.parameters().forEach(p -> p.muli(20));
      NDArray history = gaussian(manager, random, 32, 4);
      PolicyState state = policy.initialState(manager, 32);
      for (int t = 0; t < 3; t++) {
        state = policy.act(history, state, new boolean[32], true, null).next();
      }
      float[] before = state.arrays().get(0).toFloatArray();
      NDArray states = gaussian(manager, random, 32, 4);
      ThreatModel threat = ThreatModel.unbounded(0.1, 4);
      ActionDistribution clean = policy.distribution(states, state);
      NDArray mad = Attacks.create("mad", AttackConfig.DEFAULTS, policy.kind(), null, 1)
          .perturb(policy, state, states, threat);
      NDArray noise = Attacks.create("random", AttackConfig.DEFAULTS, policy.kind(), null, 1)
          .perturb(policy, state, states, threat);
      assertArrayEquals(before, state.arrays().get(0).toFloatArray(), "the victim's state is not advanced");
      double madKl = clean.kl(policy.distribution(mad, state)).mean().getFloat();
      double randomKl = clean.kl(policy.distribution(noise, state)).mean().getFloat();
      assertTrue(madKl > 2 * randomKl, "MAD's mean KL " + madKl + " vs random's " + randomKl);
      assertTrue(mad.sub(states).abs().max().getFloat() <= 0.1 + 1e-6);
    }
  }

  private static NDArray gaussian(NDManager manager, Random random, int rows, int columns) {
    float[] values = new float[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(rows, columns));
  }
}
