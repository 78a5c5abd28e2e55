package org.samdp.agents.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a configuration record: the defaults (the record's own values), then a YAML file, then {@code key.path=value}
 * overrides, each layer replacing what it names. Keys that the record does not have are rejected with the valid keys
 * listed; values of the wrong type are rejected with the key named; the record's constructor validates ranges.
 *
 * @param <T> the configuration record
 */
public final class ConfigLoader<T> {
  private static final YAMLMapper YAML = strictMapper();

  private final Class<T> type;
  private final T defaults;

  /**
   * A loader of {@code type} starting from {@code defaults}.
   *
   * @param defaults the configuration used for every key that the file and overrides leave out
   */
  public ConfigLoader(Class<T> type, T defaults) {
    this.type = type;
    this.defaults = defaults;
  }

  /**
   * The defaults, then the file (if not null), then the overrides.
   *
   * @param overrides entries {@code key.path=value}; the value is read as YAML ({@code 0.1}, {@code true},
   *     {@code [64, 64]}, {@code convex})
   * @throws ConfigException naming the key of the first problem
   */
  public T load(Path file, List<String> overrides) {
    ObjectNode tree = YAML.valueToTree(defaults);
    if (file != null) {
      merge(tree, readFile(file), "", file.toString());
    }
    for (String override : overrides) {
      applyOverride(tree, override);
    }
    return toConfig(tree, file == null ? "the configuration" : file.toString());
  }

  /**
   * The configuration as YAML with every key it uses (what a run directory records as resolved): the keys its
   * settings leave unused ({@link UnusedKeys}) are left out, and loading the YAML gives them their defaults again.
   */
  public String toYaml(T config) {
    ObjectNode tree = YAML.valueToTree(config);
    if (config instanceof UnusedKeys scoped) {
      scoped.unusedKeys().keySet().forEach(path -> remove(tree, path));
    }
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML: " + e.getMessage(), e);
    }
  }

  private static void remove(ObjectNode tree, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = dot < 0 ? tree : tree.at("/" + path.substring(0, dot).replace('.', '/'));
    if (parent instanceof ObjectNode section) {
      section.remove(path.substring(dot + 1));
    }
  }

  /**
   * Refuses a value that the file or an override gives to a key that {@code config}, loaded from them, does not use
   * ({@link UnusedKeys}), naming what would make the key apply. A value equal to the default's is let through: the
   * config.yaml of an older run names every key, unused ones at their defaults.
   *
   * @throws ConfigException for the first such key
   */
  public void refuseUnused(T config, Path file, List<String> overrides) {
    if (!(config instanceof UnusedKeys scoped) || scoped.unusedKeys().isEmpty()) {
      return;
    }
    JsonNode base = YAML.valueToTree(defaults);
    if (file != null) {
      Map<String, JsonNode> given = new LinkedHashMap<>();
      collectValues(readFile(file), "", given);
      refuse(scoped.unusedKeys(), base, given, file.toString());
    }
    for (String override : overrides) {
      Map<String, JsonNode> given = new LinkedHashMap<>();
      KeyValue parsed = KeyValue.parse(override);
      if (parsed.value().isObject()) {
        collectValues(parsed.value(), parsed.path() + ".", given);
      } else {
        given.put(parsed.path(), parsed.value());
      }
      refuse(scoped.unusedKeys(), base, given, "--set " + override);
    }
  }

  private static void refuse(Map<String, String> unused, JsonNode base, Map<String, JsonNode> given, String source) {
    given.forEach((path, value) -> {
      Map.Entry<String, String> scope = UnusedKeys.covering(unused, path);
      if (scope != null && !sameValue(value, base.at("/" + path.replace('.', '/')))) {
        throw new ConfigException(source + ": " + path + " is not used by this configuration (" + scope.getValue()
            + "); drop it");
      }
    });
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber() ? a.doubleValue() == b.doubleValue() : a.equals(b);
  }

  private static void collectValues(JsonNode node, String prefix, Map<String, JsonNode> values) {
    node.fields().forEachRemaining(field -> {
      if (field.getValue().isObject()) {
        collectValues(field.getValue(), prefix + field.getKey() + ".", values);
      } else {
        values.put(prefix + field.getKey(), field.getValue());
      }
    });
  }

  /** Every key path of the configuration, e.g. {@code ppo.clip}, in order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    collectKeys(YAML.valueToTree(defaults), "", keys);
    return keys;
  }

  private static void collectKeys(JsonNode node, String prefix, List<String> keys) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode child = node.get(name);
      if (child.isObject()) {
        collectKeys(child, prefix + name + ".", keys);
      } else {
        keys.add(prefix + name);
      }
    }
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    JsonNode node;
    try {
      node = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // The parser's message runs to several lines with a source excerpt; its first line and the location suffice.
      String problem = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException("config file " + file + " is not valid YAML" + where + ": " + problem, e);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException("config file " + file + " must be a mapping of keys to values");
    }
    return node;
  }

  /** Copies {@code update} onto {@code base}, key by key; only keys that {@code base} has are allowed. */
  private static void merge(ObjectNode base, JsonNode update, String prefix, String source) {
    Iterator<String> names = update.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode current = requireKey(base, name, prefix, source);
      JsonNode value = update.get(name);
      if (current.isObject() && value.isObject()) {
        merge((ObjectNode) current, value, prefix + name + ".", source);
      } else if (current.isObject()) {
        throw new ConfigException(source + ": '" + prefix + name + "' is a section with keys "
            + validKeys(current) + ", not a value");
      } else {
        base.set(name, value);
      }
    }
  }

  /** One {@code key.path=value} entry, its value read as YAML. */
  private record KeyValue(String path, JsonNode value) {
    static KeyValue parse(String override) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException("override '" + override + "' must look like key.path=value (e.g. ppo.clip=0.1)");
      }
      String text = override.substring(equals + 1).trim();
      try {
        return new KeyValue(override.substring(0, equals).trim(),
            text.isEmpty() ? YAML.getNodeFactory().nullNode() : YAML.readTree(text));
      } catch (IOException e) {
        throw new ConfigException("override '" + override + "': cannot read the value '" + text + "'", e);
      }
    }
  }

  private void applyOverride(ObjectNode tree, String override) {
    KeyValue parsed = KeyValue.parse(override);
    String path = parsed.path();
    JsonNode value = parsed.value();
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    String prefix = "";
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = requireKey(node, parts[i], prefix, "override '" + override + "'");
      if (!child.isObject()) {
        throw new ConfigException("override '" + override + "': '" + prefix + parts[i] + "' is a value, not a section");
      }
      node = (ObjectNode) child;
      prefix += parts[i] + ".";
    }
    String last = parts[parts.length - 1];
    JsonNode current = requireKey(node, last, prefix, "override '" + override + "'");
    if (current.isObject() && !value.isObject()) {
      throw new ConfigException("override '" + override + "': '" + path + "' is a section with keys "
          + validKeys(current) + "; set one of them");
    }
    if (current.isObject()) {
      merge((ObjectNode) current, value, path + ".", "override '" + override + "'");
    } else {
      node.set(last, value);
    }
  }

  private static JsonNode requireKey(JsonNode node, String name, String prefix, String source) {
    JsonNode child = node.get(name);
    if (child == null) {
      throw new ConfigException(source + ": unknown config key '" + prefix + name + "'; valid keys"
          + (prefix.isEmpty() ? "" : " under '" + prefix.substring(0, prefix.length() - 1) + "'") + " are "
          + validKeys(node));
    }
    return child;
  }

  private static String validKeys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().collect(Collectors.joining(", "));
  }

  private T toConfig(JsonNode tree, String source) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(source + ": " + cause.getMessage(), cause);
    } catch (InvalidFormatException e) {
      throw new ConfigException(source + ": config key '" + path(e) + "' expects "
          + describe(e.getTargetType()) + ", got '" + e.getValue() + "'", e);
    } catch (MismatchedInputException e) {
      throw new ConfigException(source + ": config key '" + path(e) + "' expects " + describe(e.getTargetType())
          + ", got " + valueAt(tree, e), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String valueAt(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference ref : e.getPath()) {
      node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
    }
    return node.isMissingNode() ? "nothing" : node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private static String describe(Class<?> target) {
    if (target == null) {
      return "another type";
    }
    if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
      return "an integer";
    }
    if (target == double.class || target == Double.class || target == float.class) {
      return "a number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target.isEnum()) {
      return "one of " + java.util.Arrays.toString(target.getEnumConstants());
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "a " + target.getSimpleName();
  }

  private static YAMLMapper strictMapper() {
    YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .serializationInclusion(JsonInclude.Include.ALWAYS)
        .build();
    // A quoted "0.1" is text, not a number, and a number is not a string.
    mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }
}
