package org.samdp.envs;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads an env's keyword arguments ({@code make(id, kwargs)}) or reset options, rejecting keys it does not know. */
public final class Kwargs {
  private final String envName;
  private final Map<String, Object> values;

  private Kwargs(String envName, Map<String, Object> values, Set<String> known) {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(envName + " does not take argument(s) " + unknown + "; it takes "
          + (known.isEmpty() ? "none" : known));
    }
    this.envName = envName;
    this.values = values;
  }

  /** Wraps {@code values} after checking that every key is one of {@code known}. */
  public static Kwargs of(String envName, Map<String, Object> values, String... known) {
    return new Kwargs(envName, values, Set.of(known));
  }

  public double getDouble(String key, double defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
      throw new IllegalArgumentException(envName + ": argument '" + key + "' must be a number, got " + value);
    }
    return n.doubleValue();
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(envName + ": argument '" + key + "' must be true or false, got " + value);
    }
    return b;
  }
}
