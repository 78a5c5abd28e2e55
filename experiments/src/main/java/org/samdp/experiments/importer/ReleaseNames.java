package org.samdp.experiments.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.envs.mujoco.MuJoCoEnvs;

/**
 * What the names of the released files tell: the env (a word such as {@code hopper} in the name, or SA_DDPG's
 * {@code ddpg_<Env>-v2} folder, mapped to samdp's v4 ids), the papers' ε for it, whether an SA_PPO agent is robust
 * ({@code sappo} or {@code robust} in its name), and an SA_DDPG agent's variant (its release folder
 * {@code vanilla-ddpg}, {@code sa-ddpg-convex} or {@code sa-ddpg-sgld}).
 */
final class ReleaseNames {
  /** Env words of file names and samdp's ids. */
  private static final Map<Pattern, String> ENVS = Map.of(
      Pattern.compile("hopper"), "Hopper-v4",
      Pattern.compile("walker"), "Walker2d-v4",
      Pattern.compile("cheetah"), "HalfCheetah-v4",
      Pattern.compile("humanoid"), "Humanoid-v4",
      Pattern.compile("(?<![a-z])ant(?![a-z])"), "Ant-v4");
  /** The papers' ε (SA-PPO Table 6.3: Hopper 0.075, Walker2d 0.05, Humanoid 0.075; ATLA: HalfCheetah, Ant 0.15). */
  private static final Map<String, Double> EPS = Map.of("Hopper-v4", 0.075, "Walker2d-v4", 0.05,
      "HalfCheetah-v4", 0.15, "Ant-v4", 0.15, "Humanoid-v4", 0.075);
  private static final Pattern DDPG_FOLDER = Pattern.compile("ddpg_([A-Za-z0-9]+)-v\\d+");

  private static final Pattern SA_DDPG = Pattern.compile("sa[-_]?ddpg|robust");

  /**
   * An SA_DDPG agent's variant.
   *
   * @param algorithm {@code ddpg} or {@code sa-ddpg}
   * @param solver the SA-DDPG solver (convex unless the name says {@code sgld})
   * @param told whether a folder or file name said so (else: {@code ddpg}, the default)
   */
  record DdpgVariant(String algorithm, DdpgConfig.Solver solver, boolean told) {}

  private ReleaseNames() {}

  /**
   * The variant an SA_DDPG file's release folder ({@code vanilla-ddpg/ddpg_Hopper-v2/model_best.model}) or name
   * ({@code sa-ddpg-sgld.model}) says: SA-DDPG for names with {@code sa-ddpg} or {@code robust}, by SGLD if they say
   * {@code sgld}; else DDPG.
   */
  static DdpgVariant ddpgVariant(Path file) {
    Path absolute = file.toAbsolutePath();
    for (Path name : List.of(absolute.getFileName(), parentName(absolute.getParent()))) {
      String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (SA_DDPG.matcher(lower).find()) {
        return new DdpgVariant("sa-ddpg", lower.contains("sgld") ? DdpgConfig.Solver.SGLD : DdpgConfig.Solver.CONVEX,
            true);
      }
      if (lower.contains("vanilla")) {
        return new DdpgVariant("ddpg", DdpgConfig.Solver.CONVEX, true);
      }
    }
    return new DdpgVariant("ddpg", DdpgConfig.Solver.CONVEX, false);
  }

  /** The name of a folder's parent (the release folder above {@code ddpg_<Env>-v2}), or null. */
  private static Path parentName(Path folder) {
    return folder == null || folder.getParent() == null ? null : folder.getParent().getFileName();
  }

  /** The env a release file is for, if its name or folder says. */
  static Optional<String> env(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      Matcher ddpg = DDPG_FOLDER.matcher(folder.getFileName().toString());
      if (ddpg.matches()) {
        // Gym's Ant-v2 observes 111 values with its contact forces: Ant-v4 with use_contact_forces.
        return Optional.of(ddpg.group(1).equals("Ant") ? MuJoCoEnvs.ANT_CONTACT_FORCES : ddpg.group(1) + "-v4");
      }
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return ENVS.entrySet().stream().filter(e -> e.getKey().matcher(name).find()).map(Map.Entry::getValue)
        .findFirst();
  }

  /** The papers' ε for an env, if they give one. */
  static Optional<Double> eps(String env) {
    return Optional.ofNullable(EPS.get(env));
  }

  /** {@code sa-ppo} for names that say robust, else {@code ppo}. */
  static String algorithm(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return name.contains("sappo") || name.contains("robust") ? "sa-ppo" : "ppo";
  }
}
