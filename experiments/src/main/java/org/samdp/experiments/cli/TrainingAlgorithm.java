package org.samdp.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.samdp.agents.dqn.DqnConfig;
import org.samdp.agents.dqn.DqnTrainer;
import org.samdp.agents.ppo.PpoConfig;
import org.samdp.agents.ppo.PpoTrainer;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;

/**
 * An algorithm {@code samdp train} can run: how to start a run from the algorithm's defaults for an env, a config file
 * and {@code key=value} overrides, and how to resume one. Each algorithm adds one entry to {@link #ALL}.
 */
interface TrainingAlgorithm {

  /** Starts a new run in {@code out}. */
  TrainingSession start(String env, Path configFile, List<String> overrides, Path out, List<String> command,
      List<TrainingCallback> callbacks);

  /** Continues the run in {@code out}. */
  TrainingSession resume(Path out, List<TrainingCallback> callbacks);

  /** Every algorithm by name. */
  Map<String, TrainingAlgorithm> ALL = algorithms();

  private static Map<String, TrainingAlgorithm> algorithms() {
    Map<String, TrainingAlgorithm> all = new TreeMap<>();
    all.put("ppo", ppo(PpoConfig::ppo));
    all.put("sa-ppo", ppo(PpoConfig::saPpo));
    all.put("dqn", dqn(DqnConfig::dqn));
    all.put("sa-dqn", dqn(DqnConfig::saDqn));
    return all;
  }

  /** PPO from the given defaults; SA-PPO is PPO with the regulariser's defaults on. */
  private static TrainingAlgorithm ppo(java.util.function.Function<String, PpoConfig> defaults) {
    return new TrainingAlgorithm() {
      @Override
      public TrainingSession start(String env, Path configFile, List<String> overrides, Path out,
          List<String> command, List<TrainingCallback> callbacks) {
        PpoConfig config = PpoConfig.loader(defaults.apply(env)).load(configFile, overrides);
        return PpoTrainer.startRun(config, out, command, callbacks);
      }

      @Override
      public TrainingSession resume(Path out, List<TrainingCallback> callbacks) {
        return PpoTrainer.resumeRun(out, callbacks);
      }
    };
  }

  /** DQN from the given defaults; SA-DQN is DQN with the regulariser's defaults on. */
  private static TrainingAlgorithm dqn(java.util.function.Function<String, DqnConfig> defaults) {
    return new TrainingAlgorithm() {
      @Override
      public TrainingSession start(String env, Path configFile, List<String> overrides, Path out,
          List<String> command, List<TrainingCallback> callbacks) {
        DqnConfig config = DqnConfig.loader(defaults.apply(env)).load(configFile, overrides);
        return DqnTrainer.startRun(config, out, command, callbacks);
      }

      @Override
      public TrainingSession resume(Path out, List<TrainingCallback> callbacks) {
        return DqnTrainer.resumeRun(out, callbacks);
      }
    };
  }
}
