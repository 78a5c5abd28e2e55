package org.samdp.envs.bridge;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.proto.bridge.v1.DType;
import org.samdp.proto.bridge.v1.NullValue;
import org.samdp.proto.bridge.v1.Tensor;
import org.samdp.proto.bridge.v1.Value;
import org.samdp.proto.bridge.v1.ValueList;
import org.samdp.proto.bridge.v1.ValueMap;

/**
 * Converts info maps, kwargs and reset options to the bridge's {@link Value} and back.
 *
 * <p>Going out: {@code null}, {@code Boolean}, integer boxes, {@code Float}/{@code Double}, {@code String},
 * {@code byte[]}, maps with string keys, lists and object arrays, and numeric arrays ({@code double[]} as float64,
 * {@code float[]}, {@code int[]}, {@code long[]}, {@code boolean[]}, {@link NdArray}). Coming in: integers become
 * {@code Integer} when they fit (else {@code Long}), floats {@code Double}, numpy scalars the matching box, 1-D
 * float64 arrays {@code double[]}, other arrays {@link NdArray}, dicts insertion-ordered maps, lists and tuples lists.
 */
final class Values {
  private Values() {}

  static ValueMap encodeMap(Map<String, ?> map) {
    ValueMap.Builder builder = ValueMap.newBuilder();
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      builder.addEntries(ValueMap.Entry.newBuilder().setKey(entry.getKey())
          .setValue(encode(entry.getValue(), entry.getKey())));
    }
    return builder.build();
  }

  static Map<String, Object> decodeMap(ValueMap map) {
    Map<String, Object> decoded = new LinkedHashMap<>();
    for (ValueMap.Entry entry : map.getEntriesList()) {
      decoded.put(entry.getKey(), decode(entry.getValue()));
    }
    return decoded;
  }

  /** A value that must be a map (an info): decoded into a map; an unset value is an empty map. */
  static Map<String, Object> decodeInfo(Value value) {
    if (value.getKindCase() == Value.KindCase.KIND_NOT_SET) {
      return new LinkedHashMap<>();
    }
    if (value.getKindCase() != Value.KindCase.MAP_VALUE) {
      throw new IllegalArgumentException("an info must be a map, got " + value.getKindCase());
    }
    return decodeMap(value.getMapValue());
  }

  static Value encode(Object value, String path) {
    Value.Builder v = Value.newBuilder();
    if (value == null) {
      return v.setNullValue(NullValue.NULL_VALUE).build();
    } else if (value instanceof Boolean b) {
      return v.setBoolValue(b).build();
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return v.setIntValue(((Number) value).longValue()).build();
    } else if (value instanceof Double || value instanceof Float) {
      return v.setFloatValue(((Number) value).doubleValue()).build();
    } else if (value instanceof String s) {
      return v.setStringValue(s).build();
    } else if (value instanceof byte[] bytes) {
      return v.setBytesValue(ByteString.copyFrom(bytes)).build();
    } else if (value instanceof double[] a) {
      return v.setTensorValue(Tensors.encode(a, new int[] {a.length}, DType.DTYPE_FLOAT64)).build();
    } else if (value instanceof float[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return v.setTensorValue(Tensors.encode(d, new int[] {a.length}, DType.DTYPE_FLOAT32)).build();
    } else if (value instanceof int[] a) {
      return v.setTensorValue(Tensors.encode(java.util.Arrays.stream(a).asDoubleStream().toArray(),
          new int[] {a.length}, DType.DTYPE_INT32)).build();
    } else if (value instanceof long[] a) {
      return v.setTensorValue(longs(a)).build();
    } else if (value instanceof boolean[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i] ? 1 : 0;
      }
      return v.setTensorValue(Tensors.encode(d, new int[] {a.length}, DType.DTYPE_BOOL)).build();
    } else if (value instanceof NdArray a) {
      return v.setTensorValue(Tensors.encode(a.values(), a.shape(), Tensors.fromNumpyName(a.dtype()))).build();
    } else if (value instanceof Map<?, ?> map) {
      ValueMap.Builder entries = ValueMap.newBuilder();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(path + " has the key " + entry.getKey() + " ("
              + entry.getKey().getClass().getSimpleName() + "); only string keys cross the bridge");
        }
        entries.addEntries(ValueMap.Entry.newBuilder().setKey(key).setValue(encode(entry.getValue(),
            path + "." + key)));
      }
      return v.setMapValue(entries).build();
    } else if (value instanceof List<?> || value instanceof Object[]) {
      List<?> items = value instanceof Object[] array ? java.util.Arrays.asList(array) : (List<?>) value;
      ValueList.Builder list = ValueList.newBuilder();
      for (int i = 0; i < items.size(); i++) {
        list.addItems(encode(items.get(i), path + "[" + i + "]"));
      }
      return v.setListValue(list).build();
    }
    throw new IllegalArgumentException(path + " holds a " + value.getClass().getName()
        + ", which the bridge cannot send (it sends numbers, booleans, strings, bytes, numeric arrays, maps and lists)");
  }

  static Object decode(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> narrow(value.getIntValue());
      case FLOAT_VALUE -> value.getFloatValue();
      case STRING_VALUE -> value.getStringValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case TENSOR_VALUE -> decodeTensor(value.getTensorValue());
      case MAP_VALUE -> decodeMap(value.getMapValue());
      case LIST_VALUE -> {
        List<Object> items = new ArrayList<>();
        for (Value item : value.getListValue().getItemsList()) {
          items.add(decode(item));
        }
        yield Collections.unmodifiableList(items);
      }
    };
  }

  private static Object decodeTensor(Tensor tensor) {
    double[] values = Tensors.decode(tensor);
    int[] shape = Tensors.shape(tensor);
    DType dtype = tensor.getDtype();
    if (shape.length == 0) {
      if (dtype == DType.DTYPE_BOOL) {
        return values[0] != 0;
      }
      return Tensors.isFloating(dtype) ? values[0] : narrow((long) values[0]);
    }
    if (shape.length == 1 && dtype == DType.DTYPE_FLOAT64) {
      return values;
    }
    return new NdArray(Tensors.numpyName(dtype), shape, values);
  }

  private static Tensor longs(long[] a) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * a.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long x : a) {
      buffer.putLong(x);
    }
    return Tensor.newBuilder().setDtype(DType.DTYPE_INT64).addShape(a.length)
        .setData(ByteString.copyFrom(buffer.array())).build();
  }

  private static Object narrow(long value) {
    if (value == (int) value) {
      return (int) value; // not a conditional expression: it would promote both branches to Long
    }
    return value;
  }
}
