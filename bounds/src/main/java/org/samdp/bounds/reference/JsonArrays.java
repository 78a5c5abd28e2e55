package org.samdp.bounds.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Nested JSON number arrays as DJL arrays and Java matrices. */
final class JsonArrays {
  private JsonArrays() {}

  /** A rectangular nested array as a float64 DJL array of the same shape. */
  static NDArray toArray(JsonNode node, NDManager manager, String what) {
    List<Long> dims = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      dims.add((long) n.size());
      if (n.isEmpty()) {
        break;
      }
    }
    Shape shape = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
    double[] flat = new double[Math.toIntExact(shape.size())];
    int filled = fill(node, flat, 0, what);
    if (filled != flat.length) {
      throw new IllegalArgumentException(what + " is not a rectangular array of shape " + shape);
    }
    return manager.create(flat, shape);
  }

  private static int fill(JsonNode node, double[] flat, int at, String what) {
    if (node.isNumber()) {
      if (at >= flat.length) {
        throw new IllegalArgumentException(what + " is not a rectangular array");
      }
      flat[at] = node.doubleValue();
      return at + 1;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(what + " contains a non-number: " + node);
    }
    int next = at;
    for (JsonNode child : node) {
      next = fill(child, flat, next, what);
    }
    return next;
  }

  /** A {@code [rows][cols]} number array. */
  static double[][] toMatrix(JsonNode node, String what) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(what + " must be a [batch][n] array");
    }
    double[][] out = new double[node.size()][];
    for (int r = 0; r < out.length; r++) {
      JsonNode row = node.get(r);
      out[r] = new double[row.size()];
      for (int c = 0; c < out[r].length; c++) {
        out[r][c] = row.get(c).doubleValue();
      }
    }
    return out;
  }

  /** An array of integers, e.g. a stride. */
  static int[] toInts(JsonNode node) {
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).intValue();
    }
    return out;
  }
}
