package org.samdp.experiments.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.samdp.adversaries.attack.AttackConfig;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.experiments.presets.Preset;

/**
 * What the sweep driver reads ({@code plan.json} in the sweep directory): the jobs a sweep file expands to, how to
 * start a {@code samdp} process, and how many CPUs and attempts each job gets.
 *
 * @param jobs every training, then its evaluations, in the file's order
 * @param launcher the command that starts {@code samdp} (its arguments follow)
 * @param environment variables every samdp process gets (the nodes of a cluster may not have them)
 * @param cpusPerTrial CPUs a job takes on its node: the threads its JVM computes with
 * @param retries attempts of a failed job after its first
 */
public record SweepPlan(List<SweepJob> jobs, List<String> launcher, Map<String, String> environment,
    int cpusPerTrial, int retries) {
  /** Copies the lists. */
  public SweepPlan {
    jobs = List.copyOf(jobs);
    launcher = List.copyOf(launcher);
    environment = Map.copyOf(environment);
  }

  /**
   * The jobs of a sweep file: every grid combination of every job, for every seed, trains an agent; every attack
   * grid combination and every certificate entry evaluates it. Each agent's settings are checked here, before
   * anything runs.
   *
   * @throws IllegalArgumentException for an unknown algorithm, preset, attack or setting
   */
  public static List<SweepJob> expand(SweepFile file) {
    List<SweepJob> jobs = new ArrayList<>();
    for (int j = 0; j < file.jobs().size(); j++) {
      SweepFile.Job job = file.jobs().get(j);
      String where = "jobs[" + j + "] (" + job.name() + ")";
      for (Map<String, String> setting : combinations(job.grid())) {
        List<String> keys = new ArrayList<>();
        job.set().forEach((key, value) -> keys.add(key + "=" + value));
        setting.forEach((key, value) -> keys.add(key + "=" + value));
        checkTraining(job, keys, where);
        String method = setting.isEmpty() ? job.name() : job.name() + " (" + describe(setting, ", ") + ")";
        for (long seed : job.seeds()) {
          String agent =
              safe(job.name() + (setting.isEmpty() ? "" : "_" + describe(setting, "_")) + "_seed=" + seed);
          String run = "runs/" + agent;
          List<String> train = new ArrayList<>(List.of("train", "--algo", job.algo(),
              job.env() != null ? "--env" : "--preset", job.env() != null ? job.env() : job.preset()));
          keys.forEach(key -> train.addAll(List.of("--set", key)));
          train.addAll(List.of("--set", "seed=" + seed));
          jobs.add(new SweepJob(agent, SweepJob.TRAIN, method, seed, run, null, train, null, ""));
          addEvaluations(file, job, where, agent, method, seed, run, jobs);
        }
      }
    }
    return jobs;
  }

  private static void addEvaluations(SweepFile file, SweepFile.Job job, String where, String agent, String method,
      long seed, String run, List<SweepJob> jobs) {
    List<String> episodes = List.of("--episodes", String.valueOf(file.episodes()), "--seed",
        String.valueOf(file.seed()));
    for (int a = 0; a < job.attacks().size(); a++) {
      SweepFile.Attack attack = job.attacks().get(a);
      for (String name : attack.attack()) {
        if (!Attacks.NAMES.contains(name)) {
          throw new IllegalArgumentException(where + ".attacks[" + a + "]: unknown attack " + name + " (known: "
              + String.join(", ", Attacks.NAMES) + ")");
        }
      }
      for (Map<String, String> setting : combinations(attack.grid())) {
        List<String> arguments = new ArrayList<>(List.of("attack", "--eps", joined(attack.eps())));
        if (!attack.attack().isEmpty()) {
          arguments.addAll(List.of("--attack", String.join(",", attack.attack())));
        }
        List<String> keys = new ArrayList<>();
        attack.set().forEach((key, value) -> keys.add(key + "=" + value));
        setting.forEach((key, value) -> keys.add(key + "=" + value));
        try {
          AttackConfig.loader().load(null, keys);
          if (!attack.attack().isEmpty()) {
            AttackConfig.requireRead(attack.attack(), keys, "set");
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ".attacks[" + a + "]: " + e.getMessage(), e);
        }
        keys.forEach(key -> arguments.addAll(List.of("--set", key)));
        arguments.addAll(episodes);
        String id = agent + ".attack-" + (a + 1) + (setting.isEmpty() ? "" : "_" + describe(setting, "_"));
        jobs.add(new SweepJob(safe(id), SweepJob.ATTACK, method, seed, run, "attacks.json", arguments, agent,
            describe(setting, ",")));
      }
    }
    for (int c = 0; c < job.certify().size(); c++) {
      SweepFile.Certify certify = job.certify().get(c);
      List<String> arguments = new ArrayList<>(List.of("certify", "--eps", joined(certify.eps())));
      if (!certify.method().isEmpty()) {
        arguments.addAll(List.of("--method", String.join(",", certify.method())));
      }
      arguments.addAll(episodes);
      jobs.add(new SweepJob(safe(agent + ".certify-" + (c + 1)), SweepJob.CERTIFY, method, seed, run,
          "certificates.json", arguments, agent, ""));
    }
  }

  /**
   * The training's configuration is built (not run) so that an unknown key, a bad value or a key the algorithm does
   * not use stops the sweep now.
   */
  private static void checkTraining(SweepFile.Job job, List<String> keys, String where) {
    try {
      Algorithm<?> algorithm = Algorithms.get(job.algo());
      List<String> base = new ArrayList<>();
      String env = job.env();
      if (job.preset() != null) {
        Preset preset = Preset.load(job.preset(), job.algo());
        base.addAll(preset.overrides(algorithm.robust(), true));
        env = preset.env();
      } else {
        base.add("env=" + env);
      }
      algorithm.userConfig(env, null, base, keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Every combination of the grid's values, the first key varying slowest; one empty combination for no grid. */
  static List<Map<String, String>> combinations(Map<String, List<String>> grid) {
    List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
    for (Map.Entry<String, List<String>> key : grid.entrySet()) {
      List<Map<String, String>> extended = new ArrayList<>();
      for (Map<String, String> partial : combinations) {
        for (String value : key.getValue()) {
          Map<String, String> next = new LinkedHashMap<>(partial);
          next.put(key.getKey(), value);
          extended.add(next);
        }
      }
      combinations = extended;
    }
    return combinations;
  }

  private static String describe(Map<String, String> setting, String separator) {
    return setting.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(separator));
  }

  private static String joined(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%s", v)).collect(Collectors.joining(","));
  }

  /** A file name from a job's description: characters other than letters, digits, '.', '=', '-', '_' become '-'. */
  static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9.=_-]", "-");
  }
}
