package org.samdp.envs.spaces;

/**
 * A set of valid observations or actions.
 *
 * <p>Every space owns its random generator: {@link #seed(long)} re-seeds it, {@link #sample()} draws from it. An env's
 * action space is not seeded by {@code env.reset(seed)}, as in Gymnasium.
 *
 * @param <T> the value type ({@code double[]} for {@link Box}, {@code Integer} for {@link Discrete})
 */
public interface Space<T> {

  /** The shape of one value ({@code []} for scalars). */
  int[] shape();

  /** Draws a value from the space's own generator. */
  T sample();

  /** Re-creates the space's generator from a non-negative seed. */
  void seed(long seed);

  /** Why {@code value} is not an element of this space, or {@code null} if it is. Accepts any object. */
  String violation(Object value);

  /**
   * Why an env with this action space rejects {@code value}, or {@code null} if it accepts it. Like
   * {@link #violation}, except that a Box accepts values within its bounds at any precision: envs compute in double,
   * as Gymnasium's do with float64 actions.
   */
  default String actionViolation(Object value) {
    return violation(value);
  }

  /** True if {@code value} is an element of this space. */
  default boolean contains(Object value) {
    return violation(value) == null;
  }

  /** Number of scalars in one value (the product of the shape). */
  default int flatSize() {
    int size = 1;
    for (int d : shape()) {
      size *= d;
    }
    return size;
  }
}
