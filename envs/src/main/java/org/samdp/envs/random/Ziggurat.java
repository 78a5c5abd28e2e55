package org.samdp.envs.random;

/** Normal and exponential draws for {@link NumpyRandom}. */
final class Ziggurat {
  private Ziggurat() {}

  static double exponential(NumpyRandom rng) {
    return -Math.log1p(-rng.random());
  }

  static double normal(NumpyRandom rng) {
    while (true) {
      double u = 2 * rng.random() - 1;
      double v = 2 * rng.random() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }
}
