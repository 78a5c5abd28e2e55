package org.samdp.bounds;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arithmetic between arrays and plain numbers that stays correct under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code maximum}, {@code minimum}) wraps the number in a
 * tensor that reads a Java direct buffer without copying it, and closes that tensor as soon as the operation returns.
 * PyTorch's autograd keeps the operand for the backward pass (a product's gradient is the other factor), so once the
 * garbage collector frees the buffer, the backward pass reads freed memory: wrong or NaN gradients, at random. The
 * constants made here own native memory, which autograd keeps alive as long as it needs it. Use these wherever a
 * result may be differentiated; forward-only arithmetic may use DJL's own.
 */
public final class Scalars {
  /** The shared constants of {@link #constant}, by device, type and value. */
  private static final Map<Constant, NDArray> CONSTANTS = new ConcurrentHashMap<>();

  private record Constant(Device device, DataType type, double value) {}

  private Scalars() {}

  /**
   * A shared 0-d array holding {@code value} in {@code like}'s type, on its manager's device: made once and kept for
   * the life of the process, for fixed constants on hot paths (each {@link #of} costs several engine calls). The
   * caller must not close it; pass a long-lived {@code like} (a parameter), whose type is known without an engine
   * call.
   */
  public static NDArray constant(NDArray like, double value) {
    Device device = like.getManager().getDevice();
    return CONSTANTS.computeIfAbsent(new Constant(device, like.getDataType(), value), key -> {
      NDManager owner = NDManager.newBaseManager(key.device());
      try (NDArray boxed = owner.create(key.value())) {
        NDArray typed = boxed.toType(key.type(), false);
        return typed == boxed ? boxed.duplicate() : typed;
      }
    });
  }

  /** A 0-d array holding {@code value}, of {@code like}'s type and manager, in native memory. */
  public static NDArray of(NDArray like, double value) {
    try (NDArray boxed = like.getManager().create(value)) {
      NDArray typed = boxed.toType(like.getDataType(), false);
      // A conversion copies into the engine's memory. Without one (float64), DJL's toType, even asked to copy, returns
      // a view of the same Java buffer, which is freed once boxed is closed: clone it instead.
      return typed == boxed ? boxed.duplicate() : typed;
    }
  }

  /** {@code x · value}. */
  public static NDArray mul(NDArray x, double value) {
    try (NDArray constant = of(x, value)) {
      return x.mul(constant);
    }
  }

  /** {@code x / value}. */
  public static NDArray div(NDArray x, double value) {
    try (NDArray constant = of(x, value)) {
      return x.div(constant);
    }
  }

  /** {@code max(x, value)} elementwise. */
  public static NDArray maximum(NDArray x, double value) {
    try (NDArray constant = of(x, value)) {
      return x.maximum(constant);
    }
  }

  /** {@code min(x, value)} elementwise. */
  public static NDArray minimum(NDArray x, double value) {
    try (NDArray constant = of(x, value)) {
      return x.minimum(constant);
    }
  }

  /** {@code max(x, 0)} elementwise, by the engine's own ReLU. */
  public static NDArray relu(NDArray x) {
    return x.getNDArrayInternal().relu();
  }
}
