package org.samdp.adversaries.tabular;

/** A tabular solver reached its iteration cap before meeting its tolerance. */
public class NotConvergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Describes the failure.
   *
   * @param algorithm what was running, e.g. "Algorithm 6.4"
   * @param convergence the limits it ran under
   * @param lastChange the largest change of the last sweep (or the last improvement of an action value)
   */
  public NotConvergedException(String algorithm, Convergence convergence, double lastChange) {
    super(algorithm + " did not converge in " + convergence.maxIterations() + " iterations: the last one still "
        + "changed a value by " + lastChange + " (tolerance " + convergence.tolerance() + "). Raise maxIterations, "
        + "or check the discount: the iteration is a contraction only for gamma < 1");
  }
}
