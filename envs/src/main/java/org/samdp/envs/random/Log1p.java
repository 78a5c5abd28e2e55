package org.samdp.envs.random;

/**
 * {@code log1p(x)} for {@code -1 < x <= 0}, bit-identical to glibc's x86-64 {@code log1p} on CPUs with FMA, which is
 * what numpy's ziggurat tails call on current Linux machines.
 *
 * <p>glibc computes fdlibm's log1p (the algorithm behind {@link StrictMath#log1p}) but evaluates the polynomial in
 * Estrin's scheme, and its FMA build fuses some of the multiply-adds; together these move about 0.07% of results in
 * (-1, 0] one ulp away from {@code StrictMath.log1p}. The fused operations below are exactly those of that build
 * (checked against glibc 2.36 on three million inputs covering every branch). numpy on a CPU without FMA, or with
 * another libm, can differ in the last bit of such tail draws.
 */
final class Log1p {
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  // fdlibm's minimax coefficients: log((1+s)/(1-s)) = 2s + s*(LP1*z + LP2*z^2 + ... + LP7*z^7), z = s^2.
  private static final double LP1 = 6.666666666666735130e-01;
  private static final double LP2 = 3.999999999940941908e-01;
  private static final double LP3 = 2.857142874366239149e-01;
  private static final double LP4 = 2.222219843214978396e-01;
  private static final double LP5 = 1.818357216161805012e-01;
  private static final double LP6 = 1.531383769920937332e-01;
  private static final double LP7 = 1.479819860511658591e-01;

  private Log1p() {}

  /** {@code log(1 + x)} for {@code -1 < x <= 0}. */
  static double ofNonPositive(double x) {
    int ax = highWord(x) & 0x7fffffff;
    if (ax < 0x3e200000) { // |x| < 2^-29
      return ax < 0x3c900000 ? x : Math.fma(-(x * x), 0.5, x);
    }
    int k;
    double f;
    double c; // correction for the rounding of 1 + x
    int hu;
    if (ax < 0x3fd2bec4) { // |x| < 1 - sqrt(2)/2: 1 + x = 1 + f directly
      k = 0;
      f = x;
      c = 0;
      hu = 1;
    } else { // 1 + x = 2^k (1 + f) with sqrt(2)/2 <= 1 + f < sqrt(2)
      double u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = (x - (u - 1.0)) / u;
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        u = withHighWord(u, hu | 0x3ff00000);
      } else {
        k += 1;
        u = withHighWord(u, hu | 0x3fe00000);
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    if (hu == 0) { // |f| < 2^-20
      if (f == 0) {
        return Math.fma(k, LN2_HI, Math.fma(k, LN2_LO, c));
      }
      double r = hfsq * Math.fma(-f, 0.66666666666666666, 1.0);
      return Math.fma(k, LN2_HI, -((r - Math.fma(k, LN2_LO, c)) - f));
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double z2 = z * z;
    double z4 = z2 * z2;
    double z6 = z4 * z2;
    double r2 = Math.fma(z, LP3, LP2);
    double r3 = Math.fma(z, LP5, LP4);
    double r4 = Math.fma(z, LP7, LP6);
    double r = Math.fma(z6, r4, Math.fma(z4, r3, Math.fma(z, LP1, z2 * r2)));
    double sr = s * (hfsq + r);
    if (k == 0) {
      return f - (hfsq - sr);
    }
    return Math.fma(k, LN2_HI, -((hfsq - (Math.fma(k, LN2_LO, c) + sr)) - f));
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  private static double withHighWord(double x, int high) {
    return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
  }
}
