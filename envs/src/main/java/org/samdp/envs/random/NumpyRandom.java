package org.samdp.envs.random;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * numpy's default generator, {@code Generator(PCG64(SeedSequence(seed)))}, so that a seeded reset here draws the same
 * numbers as Gymnasium's {@code np_random} for the same seed.
 *
 * <p>PCG64 is a 128-bit linear congruential generator with the XSL-RR output function; SeedSequence hashes the seed
 * into its initial state. Doubles are {@code (next64 >>> 11) * 2^-53}, like numpy's {@code random()}.
 */
public final class NumpyRandom {
  // 128-bit multiplier of PCG64, split in high and low words.
  private static final long MULT_HI = 0x2360ED051FC65DA4L;
  private static final long MULT_LO = 0x4385DF649FCCF645L;

  private long stateHi;
  private long stateLo;
  private long incHi;
  private long incLo;
  // numpy hands out 32-bit values in pairs from one 64-bit draw.
  private boolean hasBufferedInt32;
  private int bufferedInt32;

  /** The generator numpy builds from {@code SeedSequence(seed)}; {@code seed} must be ≥ 0. */
  public NumpyRandom(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be a non-negative integer, got " + seed);
    }
    long[] words = SeedSequence.generateState64(seed, 4);
    seed128(words[0], words[1], words[2], words[3]);
  }

  /** A generator seeded from operating-system entropy, like {@code np.random.default_rng()}. */
  public static NumpyRandom fromEntropy() {
    return new NumpyRandom(new SecureRandom().nextLong() >>> 1);
  }

  /** The full generator state, for determinism checks (equal states produce equal streams). */
  public State state() {
    return new State(stateHi, stateLo, incHi, incLo, hasBufferedInt32, bufferedInt32);
  }

  /** A snapshot of the generator: the 128-bit state and increment and the buffered 32-bit half. */
  public record State(long stateHi, long stateLo, long incHi, long incLo, boolean hasInt32, int int32) {}

  private void seed128(long initStateHi, long initStateLo, long initSeqHi, long initSeqLo) {
    // pcg_setseq_128_srandom: inc = initseq << 1 | 1; state = 0; step; state += initstate; step.
    incHi = (initSeqHi << 1) | (initSeqLo >>> 63);
    incLo = (initSeqLo << 1) | 1L;
    stateHi = 0;
    stateLo = 0;
    advance();
    long lo = stateLo + initStateLo;
    long carry = Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0;
    stateHi = stateHi + initStateHi + carry;
    stateLo = lo;
    advance();
  }

  private void advance() {
    // state = state * MULT + inc (mod 2^128)
    long lo = stateLo * MULT_LO;
    long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateHi * MULT_LO + stateLo * MULT_HI;
    long newLo = lo + incLo;
    long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
    stateHi = hi + incHi + carry;
    stateLo = newLo;
  }

  /** The next 64 random bits (numpy's {@code next_uint64}). */
  public long nextLong() {
    advance();
    int rot = (int) (stateHi >>> 58);
    return Long.rotateRight(stateHi ^ stateLo, rot);
  }

  /** The next 32 random bits (numpy's {@code next_uint32}: the low half of a 64-bit draw, then the high half). */
  public int nextInt32() {
    if (hasBufferedInt32) {
      hasBufferedInt32 = false;
      return bufferedInt32;
    }
    long next = nextLong();
    hasBufferedInt32 = true;
    bufferedInt32 = (int) (next >>> 32);
    return (int) next;
  }

  /** A double in [0, 1) (numpy's {@code random()}). */
  public double random() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A double in [low, high) (numpy's {@code uniform(low, high)}). */
  public double uniform(double low, double high) {
    return low + (high - low) * random();
  }

  /**
   * An integer in [low, high) (numpy's {@code integers(low, high)} with the default int64 dtype), by Lemire's
   * multiply-shift rejection on 32-bit draws when the range fits 32 bits, as numpy does.
   */
  public long integers(long low, long high) {
    if (high <= low) {
      throw new IllegalArgumentException("integers: high (" + high + ") must be greater than low (" + low + ")");
    }
    long rng = high - 1 - low; // unsigned: spans of 2^63 or more wrap negative
    if (rng == 0) {
      return low;
    }
    if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
      return low + lemire32(rng);
    }
    return low + lemire64(rng);
  }

  private long lemire32(long rng) {
    long rngExcl = rng + 1;
    if (rng == 0xFFFFFFFFL) {
      return Integer.toUnsignedLong(nextInt32());
    }
    long m = Integer.toUnsignedLong(nextInt32()) * rngExcl;
    long leftover = m & 0xFFFFFFFFL;
    if (leftover < rngExcl) {
      long threshold = Integer.toUnsignedLong((int) -rngExcl) % rngExcl;
      while (leftover < threshold) {
        m = Integer.toUnsignedLong(nextInt32()) * rngExcl;
        leftover = m & 0xFFFFFFFFL;
      }
    }
    return m >>> 32;
  }

  private long lemire64(long rng) {
    long rngExcl = rng + 1; // rng < 2^64 - 1 since high is exclusive, so this does not wrap to 0
    long x = nextLong();
    long leftover = x * rngExcl;
    if (Long.compareUnsigned(leftover, rngExcl) < 0) {
      long threshold = Long.remainderUnsigned(-rngExcl, rngExcl);
      while (Long.compareUnsigned(leftover, threshold) < 0) {
        x = nextLong();
        leftover = x * rngExcl;
      }
    }
    return unsignedMultiplyHigh(x, rngExcl);
  }

  /** A standard normal draw: numpy's {@code standard_normal()}, by its 256-layer ziggurat, bit for bit. */
  public double standardNormal() {
    return Ziggurat.normal(this);
  }

  /** A standard exponential draw (rate 1): numpy's {@code standard_exponential()}, bit for bit. */
  public double standardExponential() {
    return Ziggurat.exponential(this);
  }

  /** A normal draw, {@code mean + std * standardNormal()} like numpy's {@code normal(mean, std)}. */
  public double normal(double mean, double std) {
    return mean + std * standardNormal();
  }

  // Math.unsignedMultiplyHigh arrived in Java 18.
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  @Override
  public String toString() {
    BigInteger state = new BigInteger(Long.toUnsignedString(stateHi)).shiftLeft(64)
        .add(new BigInteger(Long.toUnsignedString(stateLo)));
    return "NumpyRandom[PCG64 state=" + state + "]";
  }
}
