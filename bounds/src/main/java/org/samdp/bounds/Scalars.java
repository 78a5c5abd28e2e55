package org.samdp.bounds;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.List;
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
  /** Shared constants per device, data type and value: made once, never freed. */
  private static final Map<List<Object>, NDArray> CONSTANTS = new ConcurrentHashMap<>();
  private static final Map<Device, NDManager> OWNERS = new ConcurrentHashMap<>();

  private Scalars() {}

  /**
   * A shared 0-d array holding {@code value}, of {@code like}'s type and device, the same as {@link #of} makes: for the
   * fixed constants of hot paths, where making and freeing one per operation costs more than the operation (the cache
   * keeps every value it is asked for, so not for values that vary). Never close it, and put it second in a binary
   * operation, whose result then belongs to the other operand's manager.
   */
  public static NDArray constant(NDArray like, double value) {
    Device device = like.getDevice();
    DataType type = like.getDataType();
    return CONSTANTS.computeIfAbsent(List.of(device, type, value), key -> {
      NDManager owner = OWNERS.computeIfAbsent(device, NDManager::newBaseManager);
      try (NDArray boxed = owner.create(value)) {
        NDArray typed = boxed.toType(type, false);
        NDArray shared = typed == boxed ? boxed.duplicate() : typed;
        NDScope.unregister(shared);
        return shared;
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
