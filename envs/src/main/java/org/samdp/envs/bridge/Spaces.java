package org.samdp.envs.bridge;

import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.proto.bridge.v1.BoxSpace;
import org.samdp.proto.bridge.v1.DType;
import org.samdp.proto.bridge.v1.DiscreteSpace;
import org.samdp.proto.bridge.v1.Tensor;

/**
 * Spaces on the wire, and the values of a space as tensors: a Box value is a tensor of the Box's shape (observations
 * in the Box's dtype), a Discrete value an int64 scalar.
 */
final class Spaces {
  private Spaces() {}

  static org.samdp.proto.bridge.v1.Space describe(Space<?> space) {
    org.samdp.proto.bridge.v1.Space.Builder described = org.samdp.proto.bridge.v1.Space.newBuilder();
    if (space instanceof Box box) {
      DType dtype = dtype(box.dtype());
      return described.setBox(BoxSpace.newBuilder().setLow(Tensors.encode(box.low(), box.shape(), dtype))
          .setHigh(Tensors.encode(box.high(), box.shape(), dtype))).build();
    } else if (space instanceof Discrete discrete) {
      return described.setDiscrete(DiscreteSpace.newBuilder().setN(discrete.n()).setStart(discrete.start())).build();
    }
    throw new IllegalArgumentException("the bridge sends Box and Discrete spaces, not " + space);
  }

  static Space<?> read(org.samdp.proto.bridge.v1.Space space) {
    switch (space.getKindCase()) {
      case BOX -> {
        Tensor low = space.getBox().getLow();
        Tensor high = space.getBox().getHigh();
        if (low.getDtype() != high.getDtype() || !low.getShapeList().equals(high.getShapeList())) {
          throw new IllegalArgumentException("a Box's low and high differ in dtype or shape");
        }
        return new Box(Tensors.decode(low), Tensors.decode(high), Tensors.shape(low), javaDType(low.getDtype()));
      }
      case DISCRETE -> {
        DiscreteSpace discrete = space.getDiscrete();
        if (discrete.getN() > Integer.MAX_VALUE || discrete.getStart() != (int) discrete.getStart()) {
          throw new IllegalArgumentException("Discrete(" + discrete.getN() + ", start=" + discrete.getStart()
              + ") does not fit Java's int values");
        }
        return new Discrete((int) discrete.getN(), (int) discrete.getStart());
      }
      default -> throw new IllegalArgumentException("the peer sent a space the Java side does not know ("
          + space.getKindCase() + "); samdp supports Box and Discrete");
    }
  }

  /** An observation of {@code space} as a tensor (a Box's values in its dtype). */
  static Tensor encode(Space<?> space, Object value) {
    if (space instanceof Box box) {
      return Tensors.encode((double[]) value, box.shape(), dtype(box.dtype()));
    }
    return Tensors.encode(new double[] {((Number) value).doubleValue()}, new int[0], DType.DTYPE_INT64);
  }

  /**
   * An action for {@code space} as a tensor: Box actions go as float64 so that the values arrive exactly as the caller
   * gave them (an env computes in double whatever the Box's dtype, as Gymnasium's do with float64 actions).
   */
  static Tensor encodeAction(Space<?> space, Object value) {
    if (space instanceof Box box) {
      return Tensors.encode((double[]) value, box.shape(), DType.DTYPE_FLOAT64);
    }
    return encode(space, value);
  }

  /**
   * A value of {@code space} read from a tensor: Box values need the Box's shape (any numeric dtype), Discrete values
   * an integer scalar. The range is not checked here: the env refuses values outside its space.
   */
  static Object decode(Space<?> space, Tensor tensor, String what) {
    int[] shape = Tensors.shape(tensor);
    if (space instanceof Box box) {
      if (!java.util.Arrays.equals(shape, box.shape())) {
        throw new IllegalArgumentException(what + " has shape " + Box.shapeString(shape) + " but " + box
            + " needs shape " + Box.shapeString(box.shape()));
      }
      return Tensors.decode(tensor);
    }
    if (shape.length != 0 || Tensors.isFloating(tensor.getDtype()) || tensor.getDtype() == DType.DTYPE_BOOL) {
      throw new IllegalArgumentException(what + " for " + space + " must be an integer scalar, got a "
          + Tensors.numpyName(tensor.getDtype()) + " tensor of shape " + Box.shapeString(shape));
    }
    double value = Tensors.decode(tensor)[0];
    if (value != (int) value) {
      throw new IllegalArgumentException(what + " " + (long) value + " is outside " + space);
    }
    return (int) value;
  }

  static DType dtype(org.samdp.envs.spaces.DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> DType.DTYPE_FLOAT32;
      case FLOAT64 -> DType.DTYPE_FLOAT64;
      case UINT8 -> DType.DTYPE_UINT8;
      case INT32 -> DType.DTYPE_INT32;
      case INT64 -> DType.DTYPE_INT64;
    };
  }

  private static org.samdp.envs.spaces.DType javaDType(DType dtype) {
    for (org.samdp.envs.spaces.DType candidate : org.samdp.envs.spaces.DType.values()) {
      if (dtype(candidate) == dtype) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("samdp's Box has no dtype " + Tensors.numpyName(dtype) + " (it has float32, "
        + "float64, uint8, int32 and int64)");
  }
}
