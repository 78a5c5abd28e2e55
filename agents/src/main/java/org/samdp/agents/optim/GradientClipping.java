package org.samdp.agents.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Clipping of the global gradient norm, like PyTorch's {@code clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /** The joint ℓ2 norm of the gradients of {@code parameters} (NaN or infinite if any entry is). */
  public static double norm(List<NDArray> parameters) {
    try (Gradients gradients = Gradients.of(parameters)) {
      return gradients.norm();
    }
  }

  /**
   * Scales the gradients of {@code parameters} in place so that their joint ℓ2 norm is at most {@code maxNorm}.
   *
   * @return the norm before clipping
   */
  public static double clipNorm(List<NDArray> parameters, double maxNorm) {
    try (Gradients gradients = Gradients.of(parameters)) {
      double norm = gradients.norm();
      clipNorm(gradients, norm, maxNorm);
      return norm;
    }
  }

  /**
   * {@link #clipNorm(List, double)} for gradients whose norm the caller has just taken with {@link Gradients#norm}: a
   * training step that checks the norm for NaN would otherwise read every gradient twice.
   */
  public static void clipNorm(Gradients gradients, double norm, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maximum gradient norm must be positive, got " + maxNorm);
    }
    // PyTorch's factor: maxNorm / (norm + 1e-6), applied only when below 1.
    double factor = maxNorm / (norm + 1e-6);
    if (factor < 1) {
      gradients.scale(factor);
    }
  }
}
