package org.samdp.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.samdp.agents.algo.Algorithm;
import org.samdp.agents.algo.Algorithms;
import org.samdp.agents.run.RunDirectory;
import org.samdp.experiments.runs.AttackResults;
import org.samdp.experiments.runs.CertificateResults;
import org.samdp.experiments.runs.TrainedRun;

/**
 * Everything a report reads from one run directory: what was trained, the learning curve, and the attack and
 * certificate evaluations (either may be missing).
 *
 * @param directory the run directory
 * @param env the environment id
 * @param algorithm the algorithm, e.g. {@code sa-ppo}
 * @param solver the SA regulariser's solver ({@code SGLD}, {@code CONVEX}, {@code PGD}), or null for vanilla runs
 * @param training what it was trained with: radius, weight, seed and setting
 * @param curve environment steps and mean episode return per iteration (rows without a return are left out)
 * @param attacks the run's {@code attacks.json}, or null
 * @param certificates the run's {@code certificates.json}, or null
 */
public record RunResults(Path directory, String env, String algorithm, String solver, Training training,
    List<double[]> curve, AttackResults attacks, CertificateResults certificates) {
  /** The metrics columns of the learning curve. */
  static final String STEP = "global_step";
  static final String RETURN = "charts/episodic_return";

  /**
   * What a run was trained with, as its config.yaml says.
   *
   * @param eps the training radius: the SA regulariser's ε, or ATLA's adversary's; null for vanilla runs
   * @param kappa the SA regulariser's weight κ, or null without one
   * @param seed the run's seed
   * @param setting the configuration without its seed: runs of one setting differ in their seeds alone
   */
  public record Training(Double eps, Double kappa, long seed, String setting) {
    /** From a resolved configuration's tree. */
    public static Training of(JsonNode config) {
      JsonNode robust = config.path("robust");
      Double kappa = robust.path("kappa").asDouble(0) > 0 ? robust.path("kappa").asDouble() : null;
      JsonNode adversary = config.path("adversary").path("eps");
      Double eps = adversary.isNumber() ? Double.valueOf(adversary.asDouble())
          : kappa != null ? Double.valueOf(robust.path("eps").asDouble()) : null;
      ObjectNode setting = config.deepCopy();
      setting.remove("seed");
      return new Training(eps, kappa, config.path("seed").asLong(), setting.toString());
    }

    /** The table cell: {@code ε / κ}, a dash for what the run has not. */
    public String cell() {
      if (eps == null && kappa == null) {
        return "–";
      }
      return (eps == null ? "–" : ReportTable.number(eps)) + " / " + (kappa == null ? "–" : ReportTable.number(kappa));
    }
  }

  /**
   * Reads a run directory.
   *
   * @throws IllegalArgumentException if it is not a run directory
   */
  public static RunResults read(Path directory) {
    return read(directory, null);
  }

  /**
   * Reads a run directory with the results of one of its checkpoints: the newest attack and certificate results of
   * that checkpoint, from the run's results files or those kept beside them.
   *
   * @param which {@code latest}, {@code best}, {@code iter-N}, or null for the results files as they are
   * @throws IllegalArgumentException if it is not a run directory, has no such checkpoint, or has no results of it
   */
  public static RunResults read(Path directory, String which) {
    Path config = directory.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException(directory + " is not a run directory (no " + RunDirectory.CONFIG + ")");
    }
    JsonNode tree;
    try {
      tree = new YAMLMapper().readTree(config.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + config + ": " + e.getMessage(), e);
    }
    Algorithm<?> algorithm = Algorithms.ofRun(directory);
    String solver = algorithm.robust() ? tree.path("robust").path("solver").asText(null) : null;
    AttackResults attacks = AttackResults.FILE.read(directory);
    CertificateResults certificates = CertificateResults.FILE.read(directory);
    if (which != null) {
      String name = TrainedRun.checkpoint(directory, which).getFileName().toString();
      attacks = AttackResults.FILE.newest(directory, r -> Path.of(r.checkpoint()).getFileName().toString()
          .equals(name));
      certificates = CertificateResults.FILE.newest(directory, r -> Path.of(r.checkpoint()).getFileName().toString()
          .equals(name));
      if (attacks == null && certificates == null) {
        throw new IllegalArgumentException(directory + " has no results of its " + which + " checkpoint (" + name
            + "); evaluate it first: samdp attack --run " + directory + " --checkpoint " + which + " --eps E");
      }
    }
    return new RunResults(directory, tree.path("env").asText("?"), algorithm.name(), solver, Training.of(tree),
        curve(directory.resolve(RunDirectory.METRICS)), attacks, certificates);
  }

  private static List<double[]> curve(Path metrics) {
    List<double[]> points = new ArrayList<>();
    if (!Files.isRegularFile(metrics)) {
      return points;
    }
    try {
      List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return points;
      }
      List<String> header = Arrays.asList(lines.get(0).split(",", -1));
      int step = header.indexOf(STEP);
      int value = header.indexOf(RETURN);
      if (step < 0 || value < 0) {
        return points;
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        if (cells.length > Math.max(step, value) && !cells[value].isEmpty()) {
          points.add(new double[] {Double.parseDouble(cells[step]), Double.parseDouble(cells[value])});
        }
      }
      return points;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
    }
  }

  /** How tables name the method, e.g. {@code PPO (vanilla)} or {@code SA-PPO (SGLD)}. */
  public String method() {
    String name = algorithm.toUpperCase(Locale.ROOT);
    if (!Algorithms.get(algorithm).robust()) {
      return name + " (vanilla)";
    }
    return name + (solver == null ? "" : " (" + (solver.equalsIgnoreCase("convex") ? "Convex"
        : solver.toUpperCase(Locale.ROOT)) + ")");
  }

  /**
   * Why this run's row mixes two evaluations, or null when it does not: its attacks and its certificates were computed
   * for different checkpoints, episode counts or seeds.
   */
  public String mismatch() {
    if (attacks == null || certificates == null || (attacks.checkpoint().equals(certificates.checkpoint())
        && attacks.episodes() == certificates.episodes() && attacks.seed() == certificates.seed())) {
      return null;
    }
    return String.format(Locale.ROOT, "%s: the attacks are of %s (%d episodes, seed %d) but the certificates of %s"
        + " (%d episodes, seed %d); its row mixes the two", directory, attacks.checkpoint(), attacks.episodes(),
        attacks.seed(), certificates.checkpoint(), certificates.episodes(), certificates.seed());
  }

  /** A short label for plots: the directory name and the method. */
  public String label() {
    return directory.getFileName() + " " + method();
  }
}
