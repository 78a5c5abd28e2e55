package org.samdp.experiments.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.samdp.agents.algo.Algorithms;

/**
 * A named training setup that {@code samdp train --preset NAME} starts from: the papers' setups and small quick ones,
 * kept as YAML resources ({@code presets/FAMILY/NAME.yaml}). A preset serves an algorithm family: {@code ppo} for
 * PPO and SA-PPO, {@code dqn} for DQN and SA-DQN, {@code ddpg} for DDPG and SA-DDPG. Its {@code config} section holds keys of the family's config for
 * both variants; an optional {@code sa} section is applied on top for the SA variant only.
 *
 * <p>A preset becomes {@code key.path=value} overrides placed before the user's own {@code --set} entries, so every
 * preset key can be overridden.
 *
 * @param name the preset's name
 * @param family {@code ppo}, {@code dqn} or {@code ddpg}
 * @param description what it sets up and where the values come from
 * @param env the environment id
 * @param config keys for both variants
 * @param sa keys for the SA variant only (may be empty)
 */
public record Preset(String name, String family, String description, String env, JsonNode config, JsonNode sa) {
  private static final String ROOT = "/org/samdp/experiments/presets/";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The preset names of each family, in the order the index lists them. */
  public static Map<String, List<String>> index() {
    JsonNode index = read(ROOT + "index.yaml");
    Map<String, List<String>> names = new LinkedHashMap<>();
    index.fields().forEachRemaining(e -> {
      List<String> list = new ArrayList<>();
      e.getValue().forEach(n -> list.add(n.asText()));
      names.put(e.getKey(), list);
    });
    return names;
  }

  /**
   * The preset {@code name} for {@code algorithm}.
   *
   * @throws IllegalArgumentException if the family has no such preset (the message lists the ones it has)
   */
  public static Preset load(String name, String algorithm) {
    String family = Algorithms.get(algorithm).family();
    List<String> names = index().getOrDefault(family, List.of());
    if (!names.contains(name)) {
      throw new IllegalArgumentException("no preset '" + name + "' for --algo " + algorithm + "; presets for "
          + family + " are " + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
    JsonNode file = read(ROOT + family + "/" + name + ".yaml");
    return new Preset(name, family, file.path("description").asText(), file.path("env").asText(),
        file.path("config"), file.path("sa"));
  }

  /**
   * The preset as overrides: {@code env} (unless {@code withEnv} is false), the {@code config} keys, then for the SA
   * variant the {@code sa} keys.
   */
  public List<String> overrides(boolean saVariant, boolean withEnv) {
    List<String> overrides = new ArrayList<>();
    if (withEnv) {
      overrides.add("env=" + env);
    }
    flatten(config, "", overrides);
    if (saVariant) {
      flatten(sa, "", overrides);
    }
    return overrides;
  }

  private static void flatten(JsonNode node, String prefix, List<String> into) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isObject()) {
        flatten(field.getValue(), prefix + field.getKey() + ".", into);
      } else {
        // JSON is YAML's flow style, so the loader reads the value back exactly (lists and nested objects included).
        into.add(prefix + field.getKey() + "=" + field.getValue().toString());
      }
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Preset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource " + resource + " is missing from the build");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset resource " + resource + ": " + e.getMessage(), e);
    }
  }
}
