package org.samdp.agents.algo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.samdp.agents.atla.AtlaConfig;
import org.samdp.agents.atla.AtlaTrainer;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.ddpg.DdpgTrainer;
import org.samdp.agents.dqn.DqnConfig;
import org.samdp.agents.dqn.DqnTrainer;
import org.samdp.agents.io.Json;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;
import org.samdp.agents.run.Provenance;
import org.samdp.agents.run.RunDirectory;

/**
 * Every algorithm samdp trains, by name. Adding one (SA-DDPG, ATLA) is one line here and its own package; the
 * command line, presets, reports and run readers ask this registry.
 */
public final class Algorithms {
  /** PPO (§6.7.2.1). */
  public static final Algorithm<PpoConfig> PPO =
      new Algorithm<>("ppo", "ppo", false, PpoConfig::ppo, PpoTrainer::new, List.of(Algorithm.VALUE));
  /** SA-PPO (Algorithm 6.5): PPO with the state-adversarial regulariser. */
  public static final Algorithm<PpoConfig> SA_PPO =
      new Algorithm<>("sa-ppo", "ppo", true, PpoConfig::saPpo, PpoTrainer::new, List.of(Algorithm.VALUE));
  /** DQN (§6.7.3). */
  public static final Algorithm<DqnConfig> DQN =
      new Algorithm<>("dqn", "dqn", false, DqnConfig::dqn, DqnTrainer::new, List.of());
  /** SA-DQN (Algorithm 6.7): DQN with the hinge regulariser on action margins. */
  public static final Algorithm<DqnConfig> SA_DQN =
      new Algorithm<>("sa-dqn", "dqn", true, DqnConfig::saDqn, DqnTrainer::new, List.of());

  /** DDPG as the SA-DDPG authors run it (§6.7.2.2). */
  public static final Algorithm<DdpgConfig> DDPG =
      new Algorithm<>("ddpg", "ddpg", false, DdpgConfig::ddpg, DdpgTrainer::new, List.of(Algorithm.CRITIC));
  /** SA-DDPG (§6.3.1.2): DDPG with the regulariser on the action change over the state box. */
  public static final Algorithm<DdpgConfig> SA_DDPG =
      new Algorithm<>("sa-ddpg", "ddpg", true, DdpgConfig::saDdpg, DdpgTrainer::new, List.of(Algorithm.CRITIC));

  /** ATLA (Algorithm 6.8): PPO trained in turn with a learned PPO adversary on its observations. */
  public static final Algorithm<AtlaConfig> ATLA_PPO = new Algorithm<>(AtlaConfig.NAME, "atla", false,
      AtlaConfig::atla, AtlaTrainer::new, List.of(Algorithm.VALUE));

  private static final Map<String, Algorithm<?>> ALL = registry();

  private Algorithms() {}

  private static Map<String, Algorithm<?>> registry() {
    Map<String, Algorithm<?>> all = new LinkedHashMap<>();
    for (Algorithm<?> algorithm : List.of(PPO, SA_PPO, DQN, SA_DQN, DDPG, SA_DDPG, ATLA_PPO)) {
      all.put(algorithm.name(), algorithm);
    }
    return all;
  }

  /** Every algorithm's name, in registry order. */
  public static List<String> names() {
    return new ArrayList<>(ALL.keySet());
  }

  /**
   * The algorithm that trained the run in {@code directory}, as its provenance records it.
   *
   * @throws IllegalArgumentException if the directory has no provenance or it names no known algorithm
   */
  public static Algorithm<?> ofRun(Path directory) {
    Path provenance = directory.resolve(RunDirectory.PROVENANCE);
    if (!Files.isRegularFile(provenance)) {
      throw new IllegalArgumentException(directory + " is not a run directory (no " + RunDirectory.PROVENANCE + ")");
    }
    return get(Json.read(provenance, Provenance.class).algorithm());
  }

  /**
   * The algorithm {@code name} (any case).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Algorithm<?> get(String name) {
    Algorithm<?> algorithm = ALL.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; expected one of " + names());
    }
    return algorithm;
  }
}
