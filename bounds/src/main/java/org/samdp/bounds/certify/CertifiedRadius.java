package org.samdp.bounds.certify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Arrays;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;

/**
 * The certified radius of a Q-network's greedy action: the largest ε (up to {@code maxEps}) for which
 * {@link ActionCertificate} still certifies it, by bisection on all states at once, each with its own ε.
 */
public final class CertifiedRadius {
  private CertifiedRadius() {}

  /**
   * The radius per state, to within {@code tolerance}: certified at the returned ε (0 if not even then), not
   * certified a tolerance above it (unless it is {@code maxEps}).
   *
   * @param states centres {@code [B, ...]}
   * @throws IllegalArgumentException if {@code maxEps} or {@code tolerance} is not positive
   */
  public static double[] search(BoundedNetwork qNetwork, NDArray states, Norm norm, double maxEps, double tolerance,
      BoundMethod method) {
    if (!(maxEps > 0) || !(tolerance > 0)) {
      throw new IllegalArgumentException("maxEps and tolerance must be positive, got " + maxEps + " and " + tolerance);
    }
    int batch = Math.toIntExact(states.getShape().get(0));
    double[] certified = new double[batch];
    double[] refuted = new double[batch];
    Arrays.fill(refuted, maxEps);
    boolean[] atMax = certifiedAt(qNetwork, states, norm, refuted, method);
    for (int b = 0; b < batch; b++) {
      certified[b] = atMax[b] ? maxEps : 0;
    }
    while (true) {
      double[] middle = new double[batch];
      boolean open = false;
      for (int b = 0; b < batch; b++) {
        open |= !atMax[b] && refuted[b] - certified[b] > tolerance;
        middle[b] = (certified[b] + refuted[b]) / 2;
      }
      if (!open) {
        return certified;
      }
      boolean[] holds = certifiedAt(qNetwork, states, norm, middle, method);
      for (int b = 0; b < batch; b++) {
        if (!atMax[b] && refuted[b] - certified[b] > tolerance) {
          if (holds[b]) {
            certified[b] = middle[b];
          } else {
            refuted[b] = middle[b];
          }
        }
      }
    }
  }

  private static boolean[] certifiedAt(BoundedNetwork qNetwork, NDArray states, Norm norm, double[] eps,
      BoundMethod method) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDManager manager = states.getManager();
      NDArray radius = manager.create(eps).toType(states.getDataType(), false);
      return ActionCertificate.certify(qNetwork, LpBall.of(states, norm, radius), method).certified();
    }
  }
}
