package org.samdp.envs.classic;

import java.util.Arrays;

/** What every classic-control env does with its state: round it to a float32 observation, check one set directly. */
final class StateArrays {
  private StateArrays() {}

  /** The values rounded to float32, as Gymnasium's {@code np.array(..., dtype=np.float32)} observations are. */
  static double[] float32(double... values) {
    double[] rounded = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = (float) values[i];
    }
    return rounded;
  }

  /** A copy of {@code state} after checking that it has {@code size} finite entries. */
  static double[] checked(String envId, double[] state, int size) {
    if (state == null || state.length != size) {
      throw new IllegalArgumentException(envId + ": a state has " + size + " entries, got "
          + (state == null ? "null" : Arrays.toString(state)));
    }
    for (int i = 0; i < size; i++) {
      if (!Double.isFinite(state[i])) {
        throw new IllegalArgumentException(envId + ": state entry " + i + " must be finite, got " + state[i]);
      }
    }
    return state.clone();
  }
}
