package org.samdp.bounds.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computed bounds as plain Java matrices {@code [batch][n]}, with the JSON form {@code {"lower": ..., "upper": ...}}.
 *
 * @param lower lower bounds
 * @param upper upper bounds
 */
public record BoundMatrices(double[][] lower, double[][] upper) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code {"lower": [[...]], "upper": [[...]]}} with round-trip precision numbers. */
  public String toJson() {
    Map<String, double[][]> fields = new LinkedHashMap<>();
    fields.put("lower", lower);
    fields.put("upper", upper);
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write bounds as JSON", e);
    }
  }
}
