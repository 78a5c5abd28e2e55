package org.samdp.experiments.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * A sweep file as written: where results go, how often a job is retried, and the jobs, each an algorithm on an env or
 * preset with fixed settings, grids of settings, seeds, and the attacks and certificates of every agent trained.
 * Unknown keys, missing ones and empty grids are refused with the key's place in the file.
 *
 * <pre>
 * out: runs/sweep-hopper        # the sweep directory (relative to the working directory)
 * retries: 2                    # attempts after the first, per job (default 2)
 * episodes: 50                  # attack and certificate episodes (default 50)
 * seed: 12345                   # their seed (default 12345)
 * jobs:
 *   - name: sappo               # names the method in the report
 *     algo: sa-ppo
 *     preset: hopper            # or env: Hopper-v4
 *     set: {totalSteps: 2000000}
 *     grid: {robust.kappa: [0.1, 0.3]}
 *     seeds: 11                 # 1..11, or a list [1, 5, 9]
 *     attacks:
 *       - {attack: [critic, mad], eps: [0.075], grid: {mad.steps: [10, 50]}}
 *     certify:
 *       - {eps: [0.075], method: [IBP, CROWN]}
 * </pre>
 *
 * @param out the sweep directory
 * @param retries attempts of a failed job after its first
 * @param episodes episodes of each attack and certificate evaluation
 * @param seed seed of those episodes
 * @param jobs the jobs, in the file's order
 */
public record SweepFile(Path out, int retries, int episodes, long seed, List<Job> jobs) {
  private static final Set<String> TOP = Set.of("out", "retries", "episodes", "seed", "jobs");
  private static final Set<String> JOB =
      Set.of("name", "algo", "env", "preset", "set", "grid", "seeds", "attacks", "certify");
  private static final Set<String> ATTACK = Set.of("attack", "eps", "set", "grid");
  private static final Set<String> CERTIFY = Set.of("eps", "method");

  /** Copies the list. */
  public SweepFile {
    jobs = List.copyOf(jobs);
  }

  /**
   * One job of the file: every combination of its grid, for every seed, trains one agent.
   *
   * @param name the job's name (letters, digits, '.', '-')
   * @param algo the algorithm
   * @param env the env id, or null with a preset
   * @param preset the preset, or null with an env
   * @param set settings of every agent ({@code --set key=value})
   * @param grid settings swept: every combination of their values
   * @param seeds the seeds
   * @param attacks the attack evaluations of every agent
   * @param certify the certificate evaluations of every agent
   */
  public record Job(String name, String algo, String env, String preset, Map<String, String> set,
      Map<String, List<String>> grid, List<Long> seeds, List<Attack> attacks, List<Certify> certify) {}

  /**
   * An attack evaluation of each agent: one job per combination of its grid.
   *
   * @param attack the attacks (empty: those that apply and need no training)
   * @param eps the radii
   * @param set attack settings
   * @param grid attack settings swept
   */
  public record Attack(List<String> attack, List<Double> eps, Map<String, String> set,
      Map<String, List<String>> grid) {}

  /**
   * A certificate evaluation of each agent.
   *
   * @param eps the radii
   * @param method the bound methods (empty: certify's default)
   */
  public record Certify(List<Double> eps, List<String> method) {}

  /**
   * Reads and checks a sweep file.
   *
   * @throws IllegalArgumentException naming the file and the place of what is wrong in it
   */
  public static SweepFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sweep file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a sweep file's text. */
  static SweepFile parse(String text) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a sweep file is a mapping with out: and jobs: (see samdp sweep --help)");
    }
    keys(root, "the file", TOP);
    JsonNode jobs = required(root, "jobs", "the file");
    if (!jobs.isArray() || jobs.isEmpty()) {
      throw new IllegalArgumentException("jobs: give a list of at least one job");
    }
    List<Job> parsed = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      parsed.add(job(jobs.get(i), "jobs[" + i + "]"));
    }
    List<String> names = parsed.stream().map(Job::name).toList();
    for (String name : names) {
      if (names.indexOf(name) != names.lastIndexOf(name)) {
        throw new IllegalArgumentException("two jobs are named " + name + "; give each job its own name");
      }
    }
    int retries = intValue(root, "retries", "the file", 2);
    int episodes = intValue(root, "episodes", "the file", 50);
    if (retries < 0 || episodes < 1) {
      throw new IllegalArgumentException("retries must be >= 0 and episodes >= 1, got " + retries + " and "
          + episodes);
    }
    return new SweepFile(Path.of(text(required(root, "out", "the file"), "out")), retries, episodes,
        root.has("seed") ? longValue(root.get("seed"), "seed") : 12345, parsed);
  }

  private static Job job(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": a job is a mapping (name:, algo:, env: or preset:, ...)");
    }
    keys(node, where, JOB);
    String name = text(required(node, "name", where), where + ".name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
      throw new IllegalArgumentException(where + ".name: " + name + " must be letters, digits, '.' and '-'");
    }
    String env = node.has("env") ? text(node.get("env"), where + ".env") : null;
    String preset = node.has("preset") ? text(node.get("preset"), where + ".preset") : null;
    if ((env == null) == (preset == null)) {
      throw new IllegalArgumentException(where + ": give either env: or preset:");
    }
    List<Attack> attacks = new ArrayList<>();
    JsonNode attackNodes = node.path("attacks");
    for (int i = 0; i < attackNodes.size(); i++) {
      String at = where + ".attacks[" + i + "]";
      JsonNode attack = attackNodes.get(i);
      keys(attack, at, ATTACK);
      attacks.add(new Attack(attack.has("attack") ? texts(attack.get("attack"), at + ".attack") : List.of(),
          radii(required(attack, "eps", at), at + ".eps"), settings(attack.path("set"), at + ".set"),
          grid(attack.path("grid"), at + ".grid")));
    }
    List<Certify> certify = new ArrayList<>();
    JsonNode certifyNodes = node.path("certify");
    for (int i = 0; i < certifyNodes.size(); i++) {
      String at = where + ".certify[" + i + "]";
      JsonNode entry = certifyNodes.get(i);
      keys(entry, at, CERTIFY);
      certify.add(new Certify(radii(required(entry, "eps", at), at + ".eps"),
          entry.has("method") ? texts(entry.get("method"), at + ".method") : List.of()));
    }
    return new Job(name, text(required(node, "algo", where), where + ".algo"), env, preset,
        settings(node.path("set"), where + ".set"), grid(node.path("grid"), where + ".grid"),
        seeds(node.get("seeds"), where + ".seeds"), attacks, certify);
  }

  /** A count N means seeds 1..N; a list is taken as it is; none means seed 1. */
  private static List<Long> seeds(JsonNode node, String where) {
    if (node == null) {
      return List.of(1L);
    }
    if (node.isIntegralNumber()) {
      if (node.asLong() < 1) {
        throw new IllegalArgumentException(where + ": give a count >= 1 or a list of seeds, got " + node.asLong());
      }
      return LongStream.rangeClosed(1, node.asLong()).boxed().toList();
    }
    return nonEmpty(node, where).stream().map(n -> longValue(n, where)).distinct().toList();
  }

  private static Map<String, String> settings(JsonNode node, String where) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (node.isMissingNode()) {
      return settings;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": give a mapping of keys to values, e.g. {totalSteps: 100000}");
    }
    node.fields().forEachRemaining(e -> settings.put(e.getKey(), text(e.getValue(), where + "." + e.getKey())));
    return settings;
  }

  private static Map<String, List<String>> grid(JsonNode node, String where) {
    Map<String, List<String>> grid = new LinkedHashMap<>();
    if (node.isMissingNode()) {
      return grid;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": give a mapping of keys to lists of values, e.g. {ppo.clip:"
          + " [0.1, 0.2]}");
    }
    node.fields().forEachRemaining(e -> grid.put(e.getKey(),
        nonEmpty(e.getValue(), where + "." + e.getKey()).stream().map(v -> text(v, where + "." + e.getKey()))
            .distinct().toList()));
    return grid;
  }

  private static List<Double> radii(JsonNode node, String where) {
    List<Double> radii = new ArrayList<>();
    for (JsonNode value : node.isArray() ? nonEmpty(node, where) : List.of(node)) {
      if (!value.isNumber() || !(value.asDouble() >= 0)) {
        throw new IllegalArgumentException(where + ": radii are numbers >= 0, got " + value);
      }
      radii.add(value.asDouble());
    }
    return radii;
  }

  private static List<String> texts(JsonNode node, String where) {
    return (node.isArray() ? nonEmpty(node, where) : List.of(node)).stream().map(n -> text(n, where)).toList();
  }

  private static List<JsonNode> nonEmpty(JsonNode node, String where) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": give a list, e.g. [1, 2]");
    }
    if (node.isEmpty()) {
      throw new IllegalArgumentException(where + " is empty: give it at least one value (or leave the key out)");
    }
    List<JsonNode> values = new ArrayList<>();
    node.forEach(values::add);
    return values;
  }

  private static void keys(JsonNode node, String where, Set<String> known) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": give a mapping with keys " + String.join(", ", sorted(known)));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown key '" + name + "' in " + where + " (known: "
            + String.join(", ", sorted(known)) + ")");
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static JsonNode required(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(where + " has no " + key + ": (it is required)");
    }
    return value;
  }

  private static String text(JsonNode node, String where) {
    if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": give a single value, got " + node);
    }
    return node.asText();
  }

  private static long longValue(JsonNode node, String where) {
    if (!node.isIntegralNumber()) {
      throw new IllegalArgumentException(where + ": give whole numbers, got " + node);
    }
    return node.asLong();
  }

  private static int intValue(JsonNode node, String key, String where, int fallback) {
    return node.has(key) ? Math.toIntExact(longValue(node.get(key), where + "." + key)) : fallback;
  }
}
