package org.samdp.agents.algo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainerBase;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.agents.run.TrainingSession;

/**
 * One entry of the {@link Algorithms} registry: what the command line, presets, reports and run readers need to know
 * of an algorithm, so that none of them re-derives it from names or config keys.
 *
 * @param name what {@code --algo} takes and run directories record, e.g. {@code sa-ppo}
 * @param family the family whose presets and config keys it shares, e.g. {@code ppo}
 * @param robust whether it trains with a state-adversarial regulariser (presets add their {@code sa} section)
 * @param defaults its default configuration for an env id
 * @param trainer makes a trainer for a configuration, its envs and its run directory
 * @param critics the critics its checkpoints hold besides the policies, by name (PPO's {@code value}, DDPG's
 *     {@code critic}), for attacks
 * @param <C> its configuration
 */
public record Algorithm<C extends TrainerBase.Config>(String name, String family, boolean robust,
    Function<String, C> defaults, Factory<C> trainer, List<String> critics) {

  /** The critic PPO's checkpoints hold: the state-value function V(s). */
  public static final String VALUE = "value";
  /** The critic DDPG's checkpoints hold: the action-value function Q(s, a) on concat(s, a). */
  public static final String CRITIC = "critic";

  /** Copies the list. */
  public Algorithm {
    critics = List.copyOf(critics);
  }

  /** Makes a trainer. */
  @FunctionalInterface
  public interface Factory<C extends TrainerBase.Config> {
    /**
     * @param run where checkpoints go, or null for none
     */
    TrainerBase<C, ?> create(C config, EnvSource envs, RunDirectory run, List<TrainingCallback> callbacks);
  }

  /** The loader of this algorithm's configs over its defaults for {@code env}. */
  public ConfigLoader<C> loader(String env) {
    C base = defaults.apply(env);
    @SuppressWarnings("unchecked")
    Class<C> type = (Class<C>) base.getClass();
    return new ConfigLoader<>(type, base);
  }

  /**
   * The configuration from the defaults for {@code env}, a YAML file and {@code key=value} overrides.
   *
   * @param file a YAML file over the defaults, or null
   */
  public C config(String env, Path file, List<String> overrides) {
    return loader(env).load(file, overrides);
  }

  /**
   * The configuration as {@link #config} makes it from {@code base} and then {@code given} keys, refusing what the
   * file and the {@code given} keys set that it does not use ({@link ConfigLoader#refuseUnused}) and a κ that makes it
   * another algorithm than this one ({@code --algo ppo} with {@code robust.kappa > 0} is SA-PPO).
   *
   * @param base keys that may set unused keys without complaint (a preset's, shared by PPO and SA-PPO)
   * @param given the user's keys
   * @throws IllegalArgumentException for the first key that does not apply
   */
  public C userConfig(String env, Path file, List<String> base, List<String> given) {
    List<String> all = new ArrayList<>(base);
    all.addAll(given);
    ConfigLoader<C> loader = loader(env);
    C config = loader.load(file, all);
    if (!config.algorithm().equals(name)) {
      throw new IllegalArgumentException("robust.kappa " + config.robust().kappa() + " makes this " + config.algorithm()
          + ", not " + name + ": use --algo " + config.algorithm());
    }
    loader.refuseUnused(config, file, given);
    return config;
  }

  /** A trainer without a run directory (tests, sweeps that keep results in memory), on the given envs. */
  public TrainerBase<C, ?> trainer(C config, EnvSource envs, List<TrainingCallback> callbacks) {
    return trainer.create(config, envs, null, callbacks);
  }

  /**
   * Starts a run in the new directory {@code out} on the given envs.
   *
   * @param command the command line, recorded in the provenance
   * @param callbacks further callbacks (progress, early stopping), after the metrics and checkpoint callbacks
   */
  public TrainingSession start(C config, EnvSource envs, Path out, List<String> command,
      List<TrainingCallback> callbacks) {
    return TrainerBase.start(out, run -> trainer.create(config, envs, run, List.of()), command, callbacks);
  }

  /** Starts a run on the registered env its configuration names. */
  public TrainingSession start(C config, Path out, List<String> command, List<TrainingCallback> callbacks) {
    return start(config, EnvSource.registered(config.env()), out, command, callbacks);
  }

  /**
   * Starts a run in {@code out} from the defaults for {@code env}, a YAML file (or null) and {@code key=value}
   * overrides, on the registered env the resulting configuration names.
   */
  public TrainingSession start(String env, Path file, List<String> overrides, Path out, List<String> command,
      List<TrainingCallback> callbacks) {
    return start(config(env, file, overrides), out, command, callbacks);
  }

  /**
   * Continues the run in {@code out} from its latest checkpoint, with its own configuration and env.
   *
   * @param command the command line, recorded in the run's provenance
   */
  public TrainingSession resume(Path out, List<String> command, List<TrainingCallback> callbacks) {
    return TrainerBase.resume(out, loader("unset"),
        (config, run) -> trainer.create(config, EnvSource.registered(config.env()), run, List.of()), command,
        callbacks);
  }
}
