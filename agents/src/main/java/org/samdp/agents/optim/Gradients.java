package org.samdp.agents.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.samdp.bounds.Scalars;

/**
 * The gradients of a list of parameters, fetched once for one optimiser step (each fetch is an engine call, and a
 * step reads them to check, clip and apply them). Closing frees the handles, not the gradients.
 */
public final class Gradients implements AutoCloseable {
  private final List<NDArray> parameters;
  private final List<NDArray> arrays;

  private Gradients(List<NDArray> parameters, List<NDArray> arrays) {
    this.parameters = parameters;
    this.arrays = arrays;
  }

  /** The current gradients of {@code parameters} (which must require gradients). */
  public static Gradients of(List<NDArray> parameters) {
    List<NDArray> arrays = new ArrayList<>(parameters.size());
    for (NDArray parameter : parameters) {
      arrays.add(parameter.getGradient());
    }
    return new Gradients(List.copyOf(parameters), arrays);
  }

  /** The gradient of parameter {@code i}. */
  public NDArray get(int i) {
    return arrays.get(i);
  }

  /** Number of parameters. */
  public int size() {
    return arrays.size();
  }

  /**
   * The joint ℓ2 norm, as PyTorch's {@code clip_grad_norm_} takes it up to the last sum: each gradient's sum of squares
   * in its own type, summed in double (NaN or infinite if any entry is, or if a sum overflows).
   */
  public double norm() {
    double squared = 0;
    for (NDArray gradient : arrays) {
      try (NDArray squares = gradient.square(); NDArray sum = squares.sum()) {
        squared += sum.toArray()[0].doubleValue();
      }
    }
    return Math.sqrt(squared);
  }

  /** True if every entry of every gradient is finite (read in Java: one engine call per gradient). */
  public boolean areFinite() {
    for (NDArray gradient : arrays) {
      if (gradient.getDataType() == DataType.FLOAT64) {
        for (double value : gradient.toDoubleArray()) {
          if (!Double.isFinite(value)) {
            return false;
          }
        }
      } else {
        for (float value : gradient.toFloatArray()) {
          if (!Float.isFinite(value)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Multiplies every gradient in place by {@code factor}. */
  public void scale(double factor) {
    for (NDArray gradient : arrays) {
      gradient.muli(factor);
    }
  }

  /** Zeroes the gradients in place, as multiplying by 0 does (DJL accumulates gradients across backward passes). */
  public void zero() {
    for (int i = 0; i < arrays.size(); i++) {
      arrays.get(i).muli(Scalars.constant(parameters.get(i), 0));
    }
  }

  /**
   * Sets every gradient to exactly 0, whatever it held: after a step skipped for non-finite gradients, where {@link
   * #zero}'s multiplication would keep NaN (and turn ±∞ into NaN) and so skip every later step of the run too.
   */
  public void clear() {
    for (NDArray gradient : arrays) {
      int size = Math.toIntExact(gradient.size());
      if (gradient.getDataType() == DataType.FLOAT64) {
        gradient.set(new double[size]);
      } else {
        gradient.set(new float[size]);
      }
    }
  }

  @Override
  public void close() {
    arrays.forEach(NDArray::close);
  }
}
