package org.samdp.envs.classic;

import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * The interval U(low, high) that a reset draws its state entries from, with Gymnasium's reset options {@code low} and
 * {@code high} overriding the env's defaults (each on its own).
 */
record ResetRange(double low, double high) {

  /** Reads the options; rejects other keys, non-finite bounds and {@code low > high}. */
  static ResetRange fromOptions(String envId, Map<String, Object> options, double defaultLow, double defaultHigh) {
    Kwargs kwargs = Kwargs.of(envId + " reset", options, "low", "high");
    double low = kwargs.getDouble("low", defaultLow);
    double high = kwargs.getDouble("high", defaultHigh);
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw new IllegalArgumentException(envId + ": reset options need finite low <= high, got low=" + low
          + ", high=" + high);
    }
    return new ResetRange(low, high);
  }
}
