package org.samdp.envs.spaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Discrete} sampling against Gymnasium 1.3.0 (numpy 2.4.6): {@code d.seed(s)} then
 * {@code [int(d.sample()) for _ in range(k)]} on the Gymnasium space in the comment.
 */
class DiscreteSpaceTest {

  @Test
  void sampleSequences() {
    // Discrete(5), seed 0
    assertArrayEquals(new int[] {4, 3, 2, 1, 1, 0, 0, 0, 0, 4}, samples(new Discrete(5), 0, 10));
    // Discrete(3, start=-1), seed 42
    assertArrayEquals(new int[] {-1, 1, 0, 0, 0, 1, -1, 1, -1, -1}, samples(new Discrete(3, -1), 42, 10));
    // Discrete(1_000_000_007), seed 9
    assertArrayEquals(new int[] {421547363, 870249209, 961044564}, samples(new Discrete(1_000_000_007), 9, 3));
  }

  @Test
  void maskedSample() {
    // Discrete(5), seed 0, [int(d.sample(mask=np.array([1, 0, 1, 1, 0], np.int8))) for _ in range(6)]
    Discrete d = new Discrete(5);
    d.seed(0);
    byte[] mask = {1, 0, 1, 1, 0};
    int[] got = new int[6];
    for (int i = 0; i < got.length; i++) {
      got[i] = d.sample(mask);
    }
    assertArrayEquals(new int[] {3, 2, 2, 0, 0, 0}, got);
    assertEquals(7, new Discrete(4, 7).sample(new byte[4]), "no allowed value gives start");
  }

  @Test
  void containsIntegersInRangeOnly() {
    Discrete d = new Discrete(3, 1);
    assertTrue(d.contains(1));
    assertTrue(d.contains(3));
    assertTrue(d.contains(2L));
    assertTrue(d.contains((short) 2));
    assertTrue(d.contains((byte) 2));
    assertFalse(d.contains(0));
    assertFalse(d.contains(4));
    assertFalse(d.contains(2.0), "floats are rejected even when integral");
    assertFalse(d.contains(2.0f));
    assertFalse(d.contains("2"));
    assertFalse(d.contains(null));
  }

  private static int[] samples(Discrete d, long seed, int n) {
    d.seed(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.sample();
    }
    return out;
  }
}
