package org.samdp.bounds.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.Locale;

/** The ℓp norms of the input balls. */
public enum Norm {
  /** ℓ∞: the largest absolute coordinate. */
  INF,
  /** ℓ2: the Euclidean norm. */
  L2,
  /** ℓ1: the sum of absolute coordinates. */
  L1;

  /**
   * Parses the reference format's names ({@code "inf"}, {@code "2"}, {@code "1"}), also {@code "linf"}, {@code "l2"},
   * {@code "l1"}.
   */
  public static Norm parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "inf", "linf", "l_inf" -> INF;
      case "2", "l2" -> L2;
      case "1", "l1" -> L1;
      default -> throw new IllegalArgumentException("unknown norm '" + name + "', expected inf, 2 or 1");
    };
  }

  /** The dual norm (ℓ1 for ℓ∞, ℓ2 for ℓ2, ℓ∞ for ℓ1) of each row along the last axis. */
  NDArray dual(NDArray rows) {
    return switch (this) {
      case INF -> rows.abs().sum(new int[] {-1});
      case L2 -> {
        // sqrt'(0) is infinite, so a zero row (a zero spec row, rows cancelled by the relaxation) would put 0·∞ = NaN
        // in α-CROWN's gradient and then in its bounds. Zero rows take the value 0 through a branch with gradient 0.
        NDArray squares = rows.square().sum(new int[] {-1});
        NDArray zero = squares.eq(0);
        yield NDArrays.where(zero, squares, NDArrays.where(zero, squares.onesLike(), squares).sqrt());
      }
      case L1 -> rows.abs().max(new int[] {-1});
    };
  }
}
