package org.samdp.adversaries.tabular;

/**
 * When an iterative tabular solver stops. Value iteration and Algorithm 6.4 stop once a sweep changes no value by
 * {@code tolerance} or more; policy iteration changes an action only when that raises its action value by more than
 * {@code tolerance}. A solver that has not stopped after {@code maxIterations} sweeps (or improvement steps) throws
 * {@link NotConvergedException}. For γ &lt; 1 the sweeps are contractions, and a stopped value is within
 * {@code tolerance · γ / (1 − γ)} of the fixed point.
 *
 * @param tolerance a positive threshold
 * @param maxIterations a positive cap
 */
public record Convergence(double tolerance, int maxIterations) {
  /** 10⁻¹⁰ and 100 000 sweeps: values to about 10⁻⁸ for γ up to 0.99. */
  public static final Convergence DEFAULT = new Convergence(1e-10, 100_000);

  /**
   * Checks the parameters.
   *
   * @throws IllegalArgumentException if the tolerance is not a positive number or the cap not positive
   */
  public Convergence {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("convergence tolerance must be a positive number, got " + tolerance);
    }
    if (maxIterations <= 0) {
      throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations);
    }
  }
}
