package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;

/** Checks shared by the input sets. */
final class Inputs {
  private Inputs() {}

  static void requireNoNaN(NDArray array, String what) {
    if (array.isNaN().any().getBoolean()) {
      throw new IllegalArgumentException(what + " " + array.getShape() + " contains NaN");
    }
  }
}
