package org.samdp.envs.random;

import static org.samdp.envs.random.ZigguratTables.FE;
import static org.samdp.envs.random.ZigguratTables.FI;
import static org.samdp.envs.random.ZigguratTables.KE;
import static org.samdp.envs.random.ZigguratTables.KI;
import static org.samdp.envs.random.ZigguratTables.WE;
import static org.samdp.envs.random.ZigguratTables.WI;

/**
 * numpy's ziggurat samplers ({@code random_standard_normal} and {@code random_standard_exponential} of
 * {@code Generator}): Marsaglia and Tsang's method with 256 layers and one 64-bit draw per attempt, consuming the
 * generator exactly as numpy does so that the streams match bit for bit.
 *
 * <p>The density comparisons in the wedges use {@link StrictMath#exp}, numpy the platform's {@code exp}; the two differ
 * by at most an ulp, which flips a comparison with probability of order 1e-16. The tails' values themselves go through
 * {@link Log1p}, which reproduces glibc's {@code log1p} exactly.
 */
final class Ziggurat {
  private static final double NOR_R = 3.6541528853610087963519472518;
  private static final double NOR_INV_R = 0.27366123732975827203338247596;
  private static final double EXP_R = 7.6971174701310497140446280481;

  private Ziggurat() {}

  /** A standard normal draw. */
  static double normal(NumpyRandom rng) {
    while (true) {
      // Bits of one draw: 0-7 layer, 8 sign, 9-60 magnitude.
      long r = rng.nextLong();
      int idx = (int) (r & 0xff);
      r >>>= 8;
      boolean negative = (r & 1) != 0;
      long rabs = (r >>> 1) & 0x000f_ffff_ffff_ffffL;
      double x = rabs * WI[idx];
      if (negative) {
        x = -x;
      }
      if (rabs < KI[idx]) {
        return x; // inside the layer's rectangle: about 99.3% of draws
      }
      if (idx == 0) {
        // Base layer, beyond R: Marsaglia's tail method. log1p(-u) rather than log(u) avoids log(0).
        while (true) {
          double xx = -NOR_INV_R * Log1p.ofNonPositive(-rng.random());
          double yy = -Log1p.ofNonPositive(-rng.random());
          if (yy + yy > xx * xx) {
            // numpy takes the tail's sign from bit 8 of the magnitude, not from the sign bit.
            return ((rabs >>> 8) & 1) != 0 ? -(NOR_R + xx) : NOR_R + xx;
          }
        }
      }
      if ((FI[idx - 1] - FI[idx]) * rng.random() + FI[idx] < StrictMath.exp(-0.5 * x * x)) {
        return x; // in the wedge under the density
      }
    }
  }

  /** A standard exponential draw. */
  static double exponential(NumpyRandom rng) {
    while (true) {
      // Bits of one draw: 0-2 unused, 3-10 layer, 11-63 magnitude.
      long ri = rng.nextLong() >>> 3;
      int idx = (int) (ri & 0xff);
      ri >>>= 8;
      double x = ri * WE[idx];
      if (ri < KE[idx]) {
        return x; // inside the layer's rectangle: about 98.9% of draws
      }
      if (idx == 0) {
        return EXP_R - Log1p.ofNonPositive(-rng.random()); // memoryless tail beyond R
      }
      if ((FE[idx - 1] - FE[idx]) * rng.random() + FE[idx] < StrictMath.exp(-x)) {
        return x;
      }
    }
  }
}
