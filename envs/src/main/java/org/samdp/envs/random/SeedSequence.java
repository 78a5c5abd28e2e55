package org.samdp.envs.random;

/**
 * numpy's {@code SeedSequence} for a single non-negative integer seed: hashes the seed's 32-bit words into a pool of
 * four words and expands the pool into generator state.
 */
final class SeedSequence {
  private static final int POOL_SIZE = 4;
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int XSHIFT = 16;

  private SeedSequence() {}

  /** The {@code generate_state(n, uint64)} words for {@code SeedSequence(seed)}. */
  static long[] generateState64(long seed, int nWords) {
    int[] pool = pool(entropyWords(seed));
    int[] state32 = new int[2 * nWords];
    int hashConst = INIT_B;
    for (int i = 0; i < state32.length; i++) {
      int value = pool[i % POOL_SIZE];
      value ^= hashConst;
      hashConst *= MULT_B;
      value *= hashConst;
      value ^= value >>> XSHIFT;
      state32[i] = value;
    }
    long[] state = new long[nWords];
    for (int i = 0; i < nWords; i++) {
      state[i] = Integer.toUnsignedLong(state32[2 * i]) | ((long) state32[2 * i + 1] << 32);
    }
    return state;
  }

  private static int[] entropyWords(long seed) {
    int high = (int) (seed >>> 32);
    return high == 0 ? new int[] {(int) seed} : new int[] {(int) seed, high};
  }

  private static int[] pool(int[] entropy) {
    int[] pool = new int[POOL_SIZE];
    int[] hashConst = {INIT_A};
    for (int i = 0; i < POOL_SIZE; i++) {
      pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
    }
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
        }
      }
    }
    for (int src = POOL_SIZE; src < entropy.length; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
      }
    }
    return pool;
  }

  private static int hashmix(int value, int[] hashConst) {
    value ^= hashConst[0];
    hashConst[0] *= MULT_A;
    value *= hashConst[0];
    value ^= value >>> XSHIFT;
    return value;
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    result ^= result >>> XSHIFT;
    return result;
  }
}
