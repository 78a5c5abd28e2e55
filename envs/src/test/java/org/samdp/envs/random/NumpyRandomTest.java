package org.samdp.envs.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link NumpyRandom} against numpy. Every expected value was produced once with numpy 2.4.6 (x86-64 Linux, glibc
 * 2.36) from {@code g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))}, by the Python expression
 * in the comment beside it, and printed with {@code repr}.
 */
class NumpyRandomTest {
  private static final long TWO_POW_32_PLUS_5 = (1L << 32) + 5; // two 32-bit words of SeedSequence entropy
  private static final long[] SEEDS = {0, 1, 42, TWO_POW_32_PLUS_5, Long.MAX_VALUE};

  @Test
  void randomThenIntegersForSeed42() {
    NumpyRandom rng = new NumpyRandom(42);
    // [g.random() for _ in range(3)], then [g.integers(0, 10) for _ in range(5)]
    assertArrayEquals(new double[] {0.7739560485559633, 0.4388784397520523, 0.8585979199113825}, draw(rng, 3,
        NumpyRandom::random));
    long[] ints = new long[5];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = rng.integers(0, 10);
    }
    assertArrayEquals(new long[] {0, 6, 2, 0, 5}, ints);
  }

  @Test
  void seedSequenceForSmallMultiWordAndLargeSeeds() {
    // [g.random() for _ in range(2)] for each seed
    double[][] expected = {
        {0.6369616873214543, 0.2697867137638703},
        {0.5118216247002567, 0.9504636963259353},
        {0.7739560485559633, 0.4388784397520523},
        {0.7742041803738812, 0.47072268318809307},
        {0.1754661243027813, 0.4699286514015091},
    };
    for (int s = 0; s < SEEDS.length; s++) {
      assertArrayEquals(expected[s], draw(new NumpyRandom(SEEDS[s]), 2, NumpyRandom::random), "seed " + SEEDS[s]);
    }
    // seed 123456789012345678
    assertArrayEquals(new double[] {0.027027486068129214, 0.8162886545122193},
        draw(new NumpyRandom(123456789012345678L), 2, NumpyRandom::random));
  }

  @Test
  void nextLongIsTheRawPcg64Output() {
    // [hex(v) for v in g.bit_generator.random_raw(2)] for seed 42
    NumpyRandom rng = new NumpyRandom(42);
    assertEquals(0xc621fbcd16d92688L, rng.nextLong());
    assertEquals(0x705a5661a791ffc1L, rng.nextLong());
  }

  @Test
  void negativeSeedIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
  }

  @Test
  void uniform() {
    // [g.uniform(-2.5, 4.0) for _ in range(4)] for seed 7
    assertArrayEquals(new double[] {1.563120532930335, 3.331889706302241, 2.5419569865937577, -1.036153265061153},
        draw(new NumpyRandom(7), 4, r -> r.uniform(-2.5, 4.0)));
  }

  @Test
  void integersInterleavedWithDoublesKeepNumpysBufferedHalfWord() {
    // seed 3: integers(0, 10) twice, random(), integers(0, 10), integers(-7, 7), integers(0, 2**32),
    // integers(5, 6), integers(0, 1000) twice. Ranges below 2^32 take 32-bit halves of 64-bit draws; random() takes a
    // whole draw and leaves a pending half in place; a one-value range takes no draw.
    NumpyRandom rng = new NumpyRandom(3);
    assertEquals(8, rng.integers(0, 10));
    assertEquals(0, rng.integers(0, 10));
    assertEquals(0.2368105065960997, rng.random());
    assertEquals(1, rng.integers(0, 10));
    assertEquals(4, rng.integers(-7, 7));
    assertEquals(3733325604L, rng.integers(0, 1L << 32));
    assertEquals(5, rng.integers(5, 6));
    assertEquals(582, rng.integers(0, 1000));
    assertEquals(39, rng.integers(0, 1000));
  }

  @Test
  void integersWiderThan32Bits() {
    // seed 11: 3 × integers(0, 2**40), 3 × integers(-2**62, 2**62), 2 × integers(-2**63, 2**63 - 1)
    NumpyRandom rng = new NumpyRandom(11);
    assertEquals(141364432930L, rng.integers(0, 1L << 40));
    assertEquals(548961815244L, rng.integers(0, 1L << 40));
    assertEquals(661354438295L, rng.integers(0, 1L << 40));
    assertEquals(-4347076620844501527L, rng.integers(-(1L << 62), 1L << 62));
    assertEquals(-3247308706414266170L, rng.integers(-(1L << 62), 1L << 62));
    assertEquals(3949549575045651370L, rng.integers(-(1L << 62), 1L << 62));
    assertEquals(-7924341691015132620L, rng.integers(Long.MIN_VALUE, Long.MAX_VALUE));
    assertEquals(-6829465204851391627L, rng.integers(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void standardNormalFirstDraws() {
    // g.standard_normal(5) for each seed
    double[][] expected = {
        {0.1257302210933933, -0.1321048632913019, 0.6404226504432821, 0.10490011715303971, -0.535669373161111},
        {0.345584192064786, 0.8216181435011584, 0.33043707618338714, -1.303157231604361, 0.9053558666731177},
        {0.30471707975443135, -1.0399841062404955, 0.7504511958064572, 0.9405647163912139, -1.9510351886538364},
        {0.4260411206160647, -1.1913522497965605, -1.1486664173057208, 0.7814066462771306, -0.7013440298559402},
        {-0.27767183975435383, -1.1454482915338269, 0.9544642056115509, -0.19227231381267074, 1.7535728063192724},
    };
    for (int s = 0; s < SEEDS.length; s++) {
      assertArrayEquals(expected[s], draw(new NumpyRandom(SEEDS[s]), 5, NumpyRandom::standardNormal),
          "seed " + SEEDS[s]);
    }
  }

  @Test
  void standardExponentialFirstDraws() {
    // g.standard_exponential(5) for each seed
    double[][] expected = {
        {0.6799319039689096, 1.0195971014658647, 0.019806662589055352, 0.0022693266812281823, 0.5503428726390482},
        {1.0730290263725388, 0.30845314412528435, 5.375436872608127, 0.36642711289983193, 0.11536203910680366},
        {2.4042086039659947, 2.3361896558244535, 2.384760999874255, 0.2797942898515832, 0.08643739969837702},
        {0.40404558861727, 1.118611328801238, 3.7042340541086136, 0.8978799736055788, 1.390439911906977},
        {0.3760022282433532, 1.1083901916766907, 1.562168924887172, 0.6439648359099318, 0.9556380924592762},
    };
    for (int s = 0; s < SEEDS.length; s++) {
      assertArrayEquals(expected[s], draw(new NumpyRandom(SEEDS[s]), 5, NumpyRandom::standardExponential),
          "seed " + SEEDS[s]);
    }
  }

  @Test
  void normalWithMeanAndStd() {
    // [g.normal(1.5, 0.25) for _ in range(4)] for seed 5
    assertArrayEquals(new double[] {1.2995171436866382, 1.1689102510929636, 1.437909594476188, 1.6051113095163805},
        draw(new NumpyRandom(5), 4, r -> r.normal(1.5, 0.25)));
  }

  /**
   * A million draws per seed take each ziggurat branch thousands of times (for seed 42: 279 normal and 455
   * exponential tail draws, about 15,000 and 22,000 wedge tests). The stream is compared through the SHA-256 of its
   * big-endian doubles, {@code hashlib.sha256(g.standard_normal(10**6).astype('>f8').tobytes()).hexdigest()}; the
   * {@code g.random()} that follows checks that rejections consumed the same number of draws; the first tail draws
   * (|x| > R) make a failure readable.
   */
  @Test
  void millionNormalDrawsMatchNumpy() {
    assertStream(0, NumpyRandom::standardNormal, "5044ce78ccd837f23d3f09e7c05e7b11198b434bd41affe1d85a33d7dc8dc60a",
        0.1376350092864419, new int[] {303, 478, 10477}, new double[] {-3.772275156122734, -3.899421730054339,
            3.945549686526577});
    assertStream(42, NumpyRandom::standardNormal, "5a810470f080e4da863ae27a0a6f54239658f41c17cd31a476e2236accd38d4a",
        0.9123211877332856, new int[] {5627, 8091, 11589}, new double[] {-4.389114584864837, 4.0258240427272645,
            4.151241397039601});
  }

  /** As {@link #millionNormalDrawsMatchNumpy()}, with {@code g.standard_exponential(10**6)} and tails x > R. */
  @Test
  void millionExponentialDrawsMatchNumpy() {
    assertStream(0, NumpyRandom::standardExponential,
        "f2bd6834205905c9fd09c00ca1e11ea3e63e3fb608be6b1c7713f393b31da7d4", 0.6095422972289251,
        new int[] {295, 764, 3340}, new double[] {8.128754306660403, 8.151022932765095, 8.72348975504535});
    assertStream(42, NumpyRandom::standardExponential,
        "a98d17b46057e19e45754a16062de8b3f9f5a96c5d54e85c3bf7808ec37424d0", 0.05066333073096063,
        new int[] {2104, 3250, 5081}, new double[] {9.518119700398211, 7.734098596181432, 8.371243539011614});
  }

  /**
   * Tail draws whose value depends on the last bit of {@code log1p}: {@code StrictMath.log1p} would give
   * 3.930896913651615 and 7.914253510247396 here. Found by searching seeds for such draws.
   */
  @Test
  void tailDrawsFollowGlibcLog1p() {
    // g.standard_normal(190321)[-1] for seed 63
    assertEquals(3.9308969136516145, draw(new NumpyRandom(63), 190321, NumpyRandom::standardNormal)[190320]);
    // g.standard_exponential(100208)[-1] for seed 49
    assertEquals(7.914253510247397, draw(new NumpyRandom(49), 100208, NumpyRandom::standardExponential)[100207]);
  }

  @Test
  void log1pMatchesGlibcInEveryBranch() {
    // math.log1p(x) in the same Python: k = 0 and k != 0 (both differ from StrictMath.log1p in the last bit),
    // f = 0, |f| < 2^-20, |x| < 2^-29, |x| < 2^-54, -0.0, and next to -1.
    double[] x = {-0.24630367752204108, -0.3440483048165178, -0.5, -0x1.7ffffffffe000p-1, -1e-10, -1e-17, -0.0,
        -0.9999999999999999};
    double[] expected = {-0.28276574743616645, -0.42166812814029975, -0.6931471805599453, -1.3862943611162526,
        -1.00000000005e-10, -1e-17, -0.0, -36.7368005696771};
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], Log1p.ofNonPositive(x[i]), "log1p(" + x[i] + ")");
    }
  }

  /** The shipped tables satisfy the ziggurat's defining relations for numpy's R and V. */
  @Test
  void zigguratTablesAreTheZigguratOfRAndV() {
    checkTables(ZigguratTables.KI, ZigguratTables.WI, ZigguratTables.FI, 0x1p52, 3.6541528853610087963519472518,
        0.0049286732339746519, x -> StrictMath.exp(-0.5 * x * x), 1);
    checkTables(ZigguratTables.KE, ZigguratTables.WE, ZigguratTables.FE, 0x1p53, 7.6971174701310497140446280481,
        0.0039496598225815571993, x -> StrictMath.exp(-x), 4);
  }

  private static void checkTables(long[] k, double[] w, double[] f, double scale, double r, double v,
      DoubleUnaryOperator density, double kTolerance) {
    assertEquals(256, k.length);
    assertEquals(r, w[255] * scale); // outermost edge is R
    assertEquals(1, w[0] * scale * density.applyAsDouble(r) / v, 1e-15); // base layer: rectangle plus tail, area V
    assertEquals(r * density.applyAsDouble(r) / v * scale, k[0], 1);
    assertEquals(0, k[1]);
    assertEquals(1.0, f[0]);
    for (int i = 1; i < 256; i++) {
      double x = w[i] * scale;
      assertEquals(1, f[i] / density.applyAsDouble(x), 2e-15, "F[" + i + "]");
      assertEquals(1, x * (f[i - 1] - f[i]) / v, 1e-12, "area of layer " + i);
      if (i >= 2) {
        assertEquals(w[i - 1] / w[i] * scale, k[i], kTolerance, "K[" + i + "]");
      }
    }
  }

  @Test
  void stateIdentifiesTheStream() {
    NumpyRandom a = new NumpyRandom(7);
    NumpyRandom b = new NumpyRandom(7);
    assertEquals(a.state(), b.state());
    assertFalse(a.state().hasInt32());
    assertNotEquals(a.state(), new NumpyRandom(8).state());
    a.nextInt32();
    assertNotEquals(a.state(), b.state(), "a pending 32-bit half is part of the state");
    b.nextInt32();
    assertEquals(a.state(), b.state());
    a.random();
    assertNotEquals(a.state(), b.state());
  }

  private static double[] draw(NumpyRandom rng, int n, ToDoubleFunction<NumpyRandom> sampler) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = sampler.applyAsDouble(rng);
    }
    return out;
  }

  private static void assertStream(long seed, ToDoubleFunction<NumpyRandom> sampler, String sha256, double next,
      int[] tailIndex, double[] tailValue) {
    NumpyRandom rng = new NumpyRandom(seed);
    double[] values = draw(rng, 1_000_000, sampler);
    for (int i = 0; i < tailIndex.length; i++) {
      assertEquals(tailValue[i], values[tailIndex[i]], "seed " + seed + ", draw " + tailIndex[i]);
    }
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length); // big-endian
    for (double value : values) {
      bytes.putDouble(value);
    }
    assertEquals(sha256, HexFormat.of().formatHex(sha256(bytes.array())), "seed " + seed);
    assertEquals(next, rng.random(), "seed " + seed + ", the draw after the stream");
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
