package org.samdp.bounds;

/** Which bounds to compute: skipping a side halves the backward work (e.g. margins need only lower bounds). */
public enum BoundSide {
  /** Lower bounds only. */
  LOWER,
  /** Upper bounds only. */
  UPPER,
  /** Both. */
  BOTH;

  boolean lower() {
    return this != UPPER;
  }

  boolean upper() {
    return this != LOWER;
  }
}
