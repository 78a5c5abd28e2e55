package org.samdp.experiments.docs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The keys of a configuration record, found by reflection: each component is a key, and a component that is itself a
 * record is a section whose keys are named {@code section.key}, exactly as {@code --set} and the YAML files take them.
 * Lists (of numbers, or of records such as a CNN's convolutions) are single keys.
 *
 * @param sections the record and its nested sections, the record first ({@code ""}), in declaration order
 */
public record ConfigTree(List<Section> sections) {

  /**
   * One record of the tree.
   *
   * @param path its dotted path ({@code ""} for the top)
   * @param type the record class
   * @param keys its keys that are values, not sections
   */
  public record Section(String path, Class<?> type, List<Key> keys) {}

  /**
   * One key.
   *
   * @param path the dotted name {@code --set} takes
   * @param component the record component it is
   * @param type its type in words
   * @param value its value in the configuration read, in YAML flow style
   */
  public record Key(String path, RecordComponent component, String type, String value) {
    /** The component's name within its record. */
    public String name() {
      return component.getName();
    }
  }

  /** The tree of {@code config}, a record, with its values. */
  public static ConfigTree of(Object config) {
    List<Section> sections = new ArrayList<>();
    walk(config.getClass(), config, "", sections);
    return new ConfigTree(sections);
  }

  /** Every key, section by section. */
  public List<Key> keys() {
    return sections.stream().flatMap(s -> s.keys().stream()).toList();
  }

  private static void walk(Class<?> type, Object value, String path, List<Section> sections) {
    List<Key> keys = new ArrayList<>();
    Section section = new Section(path, type, keys);
    sections.add(section);
    for (RecordComponent component : type.getRecordComponents()) {
      String name = path.isEmpty() ? component.getName() : path + "." + component.getName();
      Object child = value == null ? null : read(component, value);
      if (component.getType().isRecord()) {
        walk(component.getType(), child, name, sections);
      } else {
        keys.add(new Key(name, component, typeName(component.getGenericType()), flow(child)));
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
    }
  }

  /** The record a list-valued component holds (a CNN's convolutions), or null. */
  static Class<?> listElement(RecordComponent component) {
    if (component.getGenericType() instanceof ParameterizedType list && list.getRawType() == List.class
        && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
      return element;
    }
    return null;
  }

  /** The type as a user writes its values. */
  static String typeName(Type type) {
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      Type element = list.getActualTypeArguments()[0];
      if (element instanceof Class<?> record && record.isRecord()) {
        return "list of {" + Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
            .collect(Collectors.joining(", ")) + "}";
      }
      return "list of " + typeName(element).replace(" or null", "") + "s";
    }
    Class<?> raw = (Class<?>) type;
    if (raw == int.class || raw == long.class) {
      return "integer";
    }
    if (raw == Integer.class || raw == Long.class) {
      return "integer or null";
    }
    if (raw == double.class || raw == float.class) {
      return "number";
    }
    if (raw == Double.class) {
      return "number or null";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == String.class) {
      return "string";
    }
    if (raw.isEnum()) {
      return Arrays.stream(raw.getEnumConstants()).map(Object::toString).collect(Collectors.joining(" or "));
    }
    throw new IllegalArgumentException("config key of type " + raw.getName() + " has no documented form; add one to "
        + ConfigTree.class.getSimpleName());
  }

  /** A value as {@code --set} would take it: numbers short, lists and records in flow style. */
  static String flow(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigTree::flow).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Record record) {
      return Arrays.stream(record.getClass().getRecordComponents())
          .map(c -> c.getName() + ": " + flow(read(c, record))).collect(Collectors.joining(", ", "{", "}"));
    }
    return value.toString();
  }

  /** A double in its shortest exact form, as the papers write it: 0.99, 2048, 6.25e-5 rather than 6.25E-5. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    if (value == 0 || Math.abs(value) >= 1e-3) {
      return exact.toPlainString();
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    return (value < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e"
        + exponent;
  }
}
