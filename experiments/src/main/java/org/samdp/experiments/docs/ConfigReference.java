package org.samdp.experiments.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.config.UnusedKeys;
import org.samdp.experiments.presets.Preset;

/**
 * The configuration reference page ({@value #PAGE}): every key of every algorithm's configuration and of the attack
 * settings, with its type, default, the presets that change it and its meaning, taken from the config records
 * themselves (keys and defaults by reflection, meanings from their javadoc's {@code @param} lines).
 */
public final class ConfigReference {
  /** The page, relative to the repository root. */
  public static final String PAGE = "docs/config-reference.md";
  /** The command that rewrites the page. */
  public static final String COMMAND = "./samdp docs config-reference";
  /** The env id the defaults are made for: the key {@code env} shows where its value comes from instead. */
  private static final String ENV = "ENV";
  /** Marks a preset that sets a key for the SA variant only. */
  private static final String SA_ONLY = " (SA)";

  private final SourceJavadoc javadoc;
  private final List<Family> families;

  /**
   * One section of the page: configurations of one record class.
   *
   * @param title the section's heading
   * @param usage how the keys are given, one line of Markdown
   * @param variants the algorithms (or settings) whose defaults it shows, by name
   * @param presets for each key path, the presets that set it
   * @param presetCount how many presets the family has (0: no presets column)
   */
  public record Family(String title, String usage, Map<String, Object> variants, Map<String, List<String>> presets,
      int presetCount) {}

  /**
   * A reference over the given families.
   *
   * @param javadoc where the meanings are read from
   */
  public ConfigReference(SourceJavadoc javadoc, List<Family> families) {
    this.javadoc = javadoc;
    this.families = List.copyOf(families);
  }

  /** The reference of every registered algorithm's family and of the attack settings, from the repository at root. */
  public static ConfigReference ofRepository(Path root) {
    List<Family> families = new ArrayList<>();
    Map<String, List<String>> byFamily = new LinkedHashMap<>();
    Algorithms.names().forEach(name -> byFamily.computeIfAbsent(Algorithms.get(name).family(), f -> new ArrayList<>())
        .add(name));
    byFamily.forEach((family, names) -> families.add(algorithmFamily(family, names)));
    families.add(new Family("Attacks", "`samdp attack --set KEY=VALUE` (also `--grid` for `trained.grid`) and the"
        + " attack settings of sweep files.", Map.of("attack", AttackConfig.DEFAULTS), Map.of(), 0));
    return new ConfigReference(new SourceJavadoc(root), families);
  }

  private static Family algorithmFamily(String family, List<String> names) {
    Map<String, Object> variants = new LinkedHashMap<>();
    names.forEach(name -> variants.put(name, Algorithms.get(name).defaults().apply(ENV)));
    String title = names.stream().map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.joining(" and "));
    String usage = "`samdp train " + names.stream().map(n -> "--algo " + n).collect(Collectors.joining(" | "))
        + " --set KEY=VALUE`, the YAML file of `--config`, sweep files; presets (`--preset`) of the family `" + family
        + "` set the keys their column names.";
    return new Family(title, usage, variants, presetKeys(family, names),
        Preset.index().getOrDefault(family, List.of()).size());
  }

  /** For each key, the family's presets that set it; "(SA)" marks a preset that sets it for the SA variant only. */
  private static Map<String, List<String>> presetKeys(String family, List<String> algorithms) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String name : Preset.index().getOrDefault(family, List.of())) {
      Preset preset = Preset.load(name, algorithms.get(0));
      Set<String> both = keysOf(preset.overrides(false, true));
      Set<String> all = keysOf(preset.overrides(true, true));
      for (String key : all) {
        keys.computeIfAbsent(key, k -> new ArrayList<>()).add(both.contains(key) ? name : name + SA_ONLY);
      }
    }
    return keys;
  }

  private static Set<String> keysOf(List<String> overrides) {
    return overrides.stream().map(o -> o.substring(0, o.indexOf('='))).collect(Collectors.toCollection(
        LinkedHashSet::new));
  }

  /** The keys (and sections) without a description, as {@code key (Record.component)}. */
  public List<String> undocumented() {
    List<String> missing = new ArrayList<>();
    for (Family family : families) {
      ConfigTree tree = ConfigTree.of(family.variants().values().iterator().next());
      for (ConfigTree.Section section : tree.sections()) {
        if (!section.path().isEmpty()) {
          Class<?> parent = tree.sections().stream().filter(s -> s.path().equals(parentPath(section.path())))
              .findFirst().orElseThrow().type();
          requireParam(parent, lastName(section.path()), section.path(), missing);
        }
        for (ConfigTree.Key key : section.keys()) {
          requireParam(section.type(), key.name(), key.path(), missing);
        }
      }
    }
    return missing.stream().distinct().toList();
  }

  private void requireParam(Class<?> record, String component, String path, List<String> missing) {
    if (javadoc.param(record, component).isBlank()) {
      missing.add(path + " (" + record.getSimpleName() + "." + component + ")");
    }
  }

  /**
   * Why the page at {@code page} is not what the generator writes now, or empty if it is.
   */
  public Optional<String> staleness(Path page) {
    String now = markdown();
    String committed;
    try {
      committed = Files.isRegularFile(page) ? Files.readString(page) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + page + ": " + e.getMessage(), e);
    }
    if (now.equals(committed)) {
      return Optional.empty();
    }
    return Optional.of(PAGE + (committed == null ? " is missing" : " differs from the config records")
        + "; regenerate it with " + COMMAND + " and commit it");
  }

  /** The page. */
  public String markdown() {
    StringBuilder page = new StringBuilder();
    page.append("# Configuration reference\n\n")
        .append("Every configuration key of samdp's algorithms and attacks: its name as `--set` and YAML files take it,")
        .append(" its type, its default and what it means, with the source of the value where it comes from a paper")
        .append(" or the authors' code. Defaults are the algorithm's own, before a preset; `samdp train --algo ALGO")
        .append(" --env ENV --print-config` prints a configuration resolved with the preset, file and `--set` keys")
        .append(" given, and `samdp presets` lists the presets. Keys a configuration does not use (the regulariser's")
        .append(" without κ, recurrent keys of an MLP) are left out of its resolved config, and setting them is")
        .append(" refused; each section says when its keys apply.\n\n")
        .append("This page is generated from the configuration records' javadoc; do not edit it by hand, run `")
        .append(COMMAND).append("`.\n\n");
    for (Family family : families) {
      page.append("- [").append(family.title()).append("](#").append(anchor(family.title())).append(")\n");
    }
    for (Family family : families) {
      appendFamily(page, family);
    }
    return page.toString();
  }

  private void appendFamily(StringBuilder page, Family family) {
    Map<String, ConfigTree> trees = new LinkedHashMap<>();
    Map<String, Map<String, String>> unused = new LinkedHashMap<>();
    family.variants().forEach((name, config) -> {
      trees.put(name, ConfigTree.of(config));
      unused.put(name, config instanceof UnusedKeys scoped ? scoped.unusedKeys() : Map.of());
    });
    ConfigTree first = trees.values().iterator().next();
    page.append("\n## ").append(family.title()).append("\n\n")
        .append(javadoc.of(first.sections().get(0).type()).description()).append("\n\n")
        .append("Set with ").append(family.usage()).append('\n');
    for (ConfigTree.Section section : first.sections()) {
      if (section.keys().isEmpty()) {
        continue;
      }
      page.append("\n### ").append(section.path().isEmpty() ? "Top-level keys" : "`" + section.path() + ".*`")
          .append("\n\n");
      if (!section.path().isEmpty()) {
        Class<?> parent = first.sections().stream().filter(s -> s.path().equals(parentPath(section.path())))
            .findFirst().orElseThrow().type();
        String role = javadoc.param(parent, lastName(section.path()));
        String description = javadoc.of(section.type()).description();
        page.append(capitalized(role)).append(".\n\n");
        if (!plain(role).startsWith(plain(description))) {
          page.append(description).append("\n\n");
        }
      }
      Map<String, String> sectionAbsent = sectionAbsence(section, unused);
      if (!sectionAbsent.isEmpty()) {
        page.append(absence(sectionAbsent)).append(".\n\n");
      }
      boolean presets = family.presetCount() > 0;
      page.append(presets ? "| key | type | default | set by presets | meaning |\n|---|---|---|---|---|\n"
          : "| key | type | default | meaning |\n|---|---|---|---|\n");
      for (ConfigTree.Key key : section.keys()) {
        page.append("| `").append(key.path()).append("` | ").append(cell(key.type())).append(" | ")
            .append(defaults(key.path(), trees, unused)).append(" | ");
        if (presets) {
          page.append(cell(presetList(family, key.path()))).append(" | ");
        }
        page.append(cell(meaning(section.type(), key, keyAbsence(key.path(), unused, sectionAbsent.keySet()))))
            .append(" |\n");
      }
    }
  }

  /** The default of each variant that uses the key (each variant's, if none does by default), one value if equal. */
  private static String defaults(String path, Map<String, ConfigTree> trees, Map<String, Map<String, String>> unused) {
    Map<String, String> values = new LinkedHashMap<>();
    trees.forEach((variant, tree) -> {
      if (UnusedKeys.covering(unused.get(variant), path) == null) {
        values.put(variant, value(tree, path));
      }
    });
    if (values.isEmpty()) {
      trees.forEach((variant, tree) -> values.put(variant, value(tree, path)));
    }
    if (new LinkedHashSet<>(values.values()).size() == 1) {
      return values.values().iterator().next();
    }
    return values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
  }

  private static String value(ConfigTree tree, String path) {
    String value = tree.keys().stream().filter(k -> k.path().equals(path)).findFirst().orElseThrow().value();
    return value.equals(ENV) ? "from `--env` or the preset" : cell("`" + value + "`");
  }

  /**
   * For each variant whose default config leaves out every key of the section for one reason, that reason: the
   * section is absent there.
   */
  private static Map<String, String> sectionAbsence(ConfigTree.Section section, Map<String, Map<String, String>> unused) {
    Map<String, String> absent = new LinkedHashMap<>();
    unused.forEach((variant, scopes) -> {
      Set<String> reasons = section.keys().stream().map(key -> UnusedKeys.covering(scopes, key.path()))
          .map(entry -> entry == null ? "" : entry.getValue()).collect(Collectors.toSet());
      if (reasons.size() == 1 && !reasons.contains("")) {
        absent.put(variant, reasons.iterator().next());
      }
    });
    return absent;
  }

  /** For each variant whose default config leaves out the key on its own (not with its whole section), why. */
  private static Map<String, String> keyAbsence(String path, Map<String, Map<String, String>> unused,
      Set<String> sectionAbsent) {
    Map<String, String> absent = new LinkedHashMap<>();
    unused.forEach((variant, scopes) -> {
      Map.Entry<String, String> entry = UnusedKeys.covering(scopes, path);
      if (entry != null && !sectionAbsent.contains(variant)) {
        absent.put(variant, entry.getValue());
      }
    });
    return absent;
  }

  /** "Not in the default config of `a` and `b` (why)", one clause per reason. */
  private static String absence(Map<String, String> whyByVariant) {
    Map<String, List<String>> variantsByWhy = new LinkedHashMap<>();
    whyByVariant.forEach((variant, why) -> variantsByWhy.computeIfAbsent(why, w -> new ArrayList<>())
        .add("`" + variant + "`"));
    return variantsByWhy.entrySet().stream().map(e -> "Not in the default config of " + String.join(" and ",
        e.getValue()) + " (" + e.getKey() + ")").collect(Collectors.joining("; "));
  }

  private String meaning(Class<?> record, ConfigTree.Key key, Map<String, String> absent) {
    StringBuilder meaning = new StringBuilder(capitalized(javadoc.param(record, key.name())));
    Class<?> element = ConfigTree.listElement(key.component());
    if (element != null) {
      meaning.append(". Each entry: ").append(javadoc.of(element).params().entrySet().stream()
          .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(Collectors.joining("; ")));
    }
    if (key.component().getType().isEnum()) {
      @SuppressWarnings("unchecked")
      Class<? extends Enum<?>> type = (Class<? extends Enum<?>>) key.component().getType();
      meaning.append(". Values: ").append(javadoc.constants(type).entrySet().stream()
          .map(e -> "`" + e.getKey() + "`" + (e.getValue().isEmpty() ? "" : ": " + e.getValue()
              .replaceFirst("\\.$", "")))
          .collect(Collectors.joining("; ")));
    }
    if (!absent.isEmpty()) {
      meaning.append(". ").append(absence(absent));
    }
    return meaning.toString();
  }

  /** The presets that set a key: "all" (or "all (SA)") when every preset of the family does. */
  private static String presetList(Family family, String path) {
    List<String> presets = family.presets().getOrDefault(path, List.of());
    if (presets.size() == family.presetCount() && presets.size() > 1) {
      return presets.stream().allMatch(p -> p.endsWith(SA_ONLY)) ? "all" + SA_ONLY : "all";
    }
    return String.join(", ", presets);
  }

  /** Text without case, a leading article or a closing full stop, to tell a rephrasing from new information. */
  private static String plain(String text) {
    return text.toLowerCase(Locale.ROOT).replaceFirst("^the ", "").replaceFirst("\\.$", "").strip();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String capitalized(String text) {
    // Only Latin letters: a leading ε or β stays what it is.
    return text.isEmpty() || text.charAt(0) < 'a' || text.charAt(0) > 'z' ? text
        : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String parentPath(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  private static String lastName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** GitHub's anchor of a heading. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-');
  }
}
