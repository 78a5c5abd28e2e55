package org.samdp.adversaries.trained;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.samdp.adversaries.attack.Attacks;
import org.samdp.adversaries.sarsa.DdpgSarsaConfig;
import org.samdp.adversaries.sarsa.DdpgSarsaTrainer;
import org.samdp.adversaries.sarsa.RobustSarsaConfig;
import org.samdp.adversaries.sarsa.RobustSarsaTrainer;
import org.samdp.agents.config.ConfigLoader;
import org.samdp.agents.ddpg.Critic;
import org.samdp.agents.ddpg.DdpgConfig;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.io.TensorFile;
import org.samdp.agents.run.RunDirectory;
import org.samdp.agents.run.TrainingCallback;
import org.samdp.bounds.network.Network;
import org.samdp.envs.Env;
import org.samdp.envs.spaces.Box;

/**
 * The Robust Sarsa attack's critics (§6.4.1): each Q_RS of the victim is an {@link AttackerRun} under the victim's
 * run, keyed by its regulariser's settings; it does not depend on the attack's radius, so one critic serves every ε.
 * A critic has the PPO code's form ({@link RobustSarsaTrainer}) or, against a DDPG victim, the DDPG code's
 * ({@link DdpgSarsaTrainer}: replay of the noisy victim, the victim's critic architecture, an action-only ball).
 * Critics imported with the victim (the SA_DDPG authors' own, of the DDPG form) are attackers of their own, labelled
 * {@code rs[imported=<file>]}; a victim that has them is attacked with them, and no grid is trained for it.
 */
public final class RobustSarsaCritic {
  /** The attack's name. */
  public static final String NAME = Attacks.RS;
  /** The arrays of an imported critic in its attacker's {@value AttackerRun#IMPORTED} directory. */
  public static final String IMPORTED_Q = "q.tensors";

  private RobustSarsaCritic() {}

  /**
   * One critic's settings (a point of the §2.3 grid); the rest are the authors' defaults.
   *
   * @param eps the regulariser's radius: ℓ∞ on the (state, action) input (PPO form), or in action stds on the action
   *     alone (DDPG form)
   * @param reg the regulariser's weight
   * @param iterations iterations of 2048 steps (PPO form, 30), or of 1000 updates (DDPG form; 30 is the authors'
   *     3e4 updates)
   * @param ddpgSamples the DDPG form's sampling steps before the updates (1e5), or 0 for the PPO form
   */
  public record Settings(double eps, double reg, int iterations, long ddpgSamples) {
    /** Range checks. */
    public Settings {
      if (!(eps >= 0) || !(reg >= 0) || iterations <= 0 || ddpgSamples < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "Robust Sarsa settings need eps and reg >= 0,"
            + " positive iterations and samples >= 0, got eps %s, reg %s, iterations %d, samples %d", eps, reg,
            iterations, ddpgSamples));
      }
    }

    /** The PPO form's settings. */
    public Settings(double eps, double reg, int iterations) {
      this(eps, reg, iterations, 0);
    }

    /** Whether this is a critic of the DDPG form. */
    public boolean ddpgForm() {
      return ddpgSamples > 0;
    }

    /** The settings as results and directories name them (the DDPG form adds its sampling steps). */
    public String label() {
      return NAME + "[" + fields() + "]";
    }

    /** The label of RS+MAD with ratio {@code ratio} on this critic. */
    public String madLabel(double ratio) {
      return RobustSarsaCritic.madLabel(label(), ratio);
    }

    private String fields() {
      return "eps=" + OptimalAdversary.number(eps) + ",reg=" + OptimalAdversary.number(reg) + ",iters=" + iterations
          + (ddpgForm() ? ",samples=" + ddpgSamples : "");
    }

    /** The PPO-form trainer's configuration on the victim's env. */
    RobustSarsaConfig config(String env, long seed) {
      RobustSarsaConfig defaults = RobustSarsaConfig.defaults(env);
      return loader(env).load(null, List.of("seed=" + seed, "eps=" + eps, "reg=" + reg,
          "totalSteps=" + (long) iterations * defaults.stepsPerIteration()));
    }

    /** The DDPG-form trainer's configuration on the victim's env, for a victim trained with {@code ddpg}. */
    DdpgSarsaConfig ddpgConfig(String env, DdpgConfig.Ddpg ddpg, long seed) {
      DdpgSarsaConfig defaults = DdpgSarsaConfig.defaults(env, ddpg);
      return DdpgSarsaTrainer.loader(env, ddpg).load(null, List.of("seed=" + seed, "eps=" + eps, "reg=" + reg,
          "sampleSteps=" + ddpgSamples, "updates=" + (long) iterations * defaults.stepsPerIteration()));
    }
  }

  private static ConfigLoader<RobustSarsaConfig> loader(String env) {
    return new ConfigLoader<>(RobustSarsaConfig.class, RobustSarsaConfig.defaults(env));
  }

  /** The label of an imported critic read from {@code file}. */
  public static String importedLabel(String file) {
    return NAME + "[imported=" + file + "]";
  }

  /** The label of RS+MAD with ratio {@code ratio} on the critic labelled {@code criticLabel}. */
  public static String madLabel(String criticLabel, double ratio) {
    if (!criticLabel.startsWith(NAME + "[")) {
      throw new IllegalArgumentException("not a Robust Sarsa critic's label: " + criticLabel);
    }
    return Attacks.RS_MAD + "[r=" + OptimalAdversary.number(ratio) + "," + criticLabel.substring(NAME.length() + 1);
  }

  /**
   * The critic and ratio of an RS+MAD result's label, as {@link #madLabel} wrote them.
   *
   * @param criticLabel the label of the Robust Sarsa critic it ran on
   * @param ratio the MAD ratio
   */
  public record MadSetting(String criticLabel, double ratio) {
    /**
     * Reads a label such as {@code rs-mad[r=0.5,eps=0.05,reg=1,iters=30]}.
     *
     * @throws IllegalArgumentException if it is not an RS+MAD label
     */
    public static MadSetting parse(String label) {
      String prefix = Attacks.RS_MAD + "[r=";
      int comma = label.indexOf(',');
      if (!label.startsWith(prefix) || comma < 0) {
        throw new IllegalArgumentException("not an RS+MAD result's label: " + label);
      }
      return new MadSetting(NAME + "[" + label.substring(comma + 1),
          Double.parseDouble(label.substring(prefix.length(), comma)));
    }
  }

  /**
   * Every finished critic of this victim, imported with it or trained under its run (for any grid), by label, each
   * with how to load it (its arrays belong to the manager given); nothing is trained.
   */
  public static Map<String, Function<NDManager, Network>> finished(Victim victim) {
    Map<String, Function<NDManager, Network>> finished = new LinkedHashMap<>();
    imported(victim).forEach((label, directory) -> finished.put(label,
        manager -> loadImported(victim, directory, manager)));
    String digest = AttackerKey.digest(victim.checkpoint());
    boolean ddpgForm = victim.policy().kind() == PolicyKind.DETERMINISTIC;
    for (AttackerRun<?> run : AttackerRun.all(victim.resultsDirectory())) {
      AttackerKey key = run.key();
      if (key.attack().equals(NAME) && key.victimDigest().equals(digest) && !finished.containsKey(key.settings())) {
        Optional<Path> checkpoint = ddpgForm
            ? new AttackerRun<DdpgSarsaConfig>(run.directory(), key)
                .finishedCheckpoint(DdpgSarsaTrainer.loader(victim.env(), victimDdpg(victim)))
            : new AttackerRun<RobustSarsaConfig>(run.directory(), key).finishedCheckpoint(loader(victim.env()));
        checkpoint.ifPresent(directory -> finished.put(key.settings(),
            manager -> load(victim, ddpgForm, directory, manager)));
      }
    }
    return finished;
  }

  /**
   * Saves a critic imported with the victim as a finished attacker under the victim's results directory.
   *
   * @param victimCheckpoint the victim's checkpoint, as written now
   * @param finalCheckpoint where it will be once the import moves it into place, which the key names
   */
  public static void saveImported(Path victimResults, Path victimCheckpoint, Path finalCheckpoint, String file,
      Network q) {
    AttackerKey key = AttackerKey.of(NAME, importedLabel(file), 0, victimCheckpoint).at(finalCheckpoint);
    AttackerRun.under(victimResults, key).saveImported(IMPORTED_Q, TensorFile.named(RobustSarsaTrainer.Q,
        q.parameters()));
  }

  /** The critics imported with this victim, by label, each its {@value AttackerRun#IMPORTED} directory. */
  public static Map<String, Path> imported(Victim victim) {
    String digest = AttackerKey.digest(victim.checkpoint());
    Map<String, Path> imported = new LinkedHashMap<>();
    for (AttackerRun<?> run : AttackerRun.all(victim.resultsDirectory())) {
      AttackerKey key = run.key();
      if (key.attack().equals(NAME) && key.victimDigest().equals(digest)) {
        run.finishedCheckpoint().ifPresent(directory -> imported.put(key.settings(), directory));
      }
    }
    return imported;
  }

  /** An imported critic Q_RS(s, a), in the victim's critic architecture; its arrays belong to {@code manager}. */
  public static Network loadImported(Victim victim, Path directory, NDManager manager) {
    int inputs = victim.policy().normalizer().size() + victim.policy().spec().actionSize();
    Network q = Critic.spec(victimDdpg(victim)).build(new Shape(inputs), manager, DataType.FLOAT32, 0);
    TensorFile.copyInto(TensorFile.read(directory.resolve(IMPORTED_Q)), RobustSarsaTrainer.Q, q.parameters());
    return q;
  }

  /**
   * The action stds that RS+MAD's DDPG form divides action changes by, for a DDPG victim: the authors' constants of its
   * env (ones where they have none), as its Robust Sarsa critics' action ball uses them.
   */
  public static double[] madActionStd(Victim victim) {
    return DdpgSarsaConfig.defaults(victim.env(), victimDdpg(victim)).actionScale(victim.policy().spec()
        .actionSize());
  }

  /** The trained critic's checkpoint: trained, resumed or reused under the victim's run. */
  public static Path train(Victim victim, Settings settings, long seed, List<String> command,
      List<TrainingCallback> callbacks) {
    AttackerKey key = AttackerKey.of(NAME, settings.label(), 0, victim.checkpoint());
    if (settings.ddpgForm()) {
      DdpgConfig.Ddpg ddpg = victimDdpg(victim);
      AttackerRun<DdpgSarsaConfig> run = AttackerRun.under(victim.resultsDirectory(), key);
      return run.train(settings.ddpgConfig(victim.env(), ddpg, seed), DdpgSarsaTrainer.loader(victim.env(), ddpg),
          (config, directory) -> new DdpgSarsaTrainer(config, victim.policy(), victim.envs(), directory, List.of()),
          command, callbacks);
    }
    AttackerRun<RobustSarsaConfig> run = AttackerRun.under(victim.resultsDirectory(), key);
    return run.train(settings.config(victim.env(), seed), loader(victim.env()),
        (config, directory) -> new RobustSarsaTrainer(config, victim.policy(), victim.envs(), directory, List.of()),
        command, callbacks);
  }

  /** The DDPG settings the victim was trained with (its critic's architecture, learning rate, γ, noise). */
  private static DdpgConfig.Ddpg victimDdpg(Victim victim) {
    return new ConfigLoader<>(DdpgConfig.class, DdpgConfig.ddpg(victim.env()))
        .load(victim.checkpoint().resolve(RunDirectory.CONFIG), List.of()).ddpg();
  }

  /** The critic Q_RS(s, a) of a checkpoint trained with {@code settings}; its arrays belong to {@code manager}. */
  public static Network load(Victim victim, Settings settings, Path checkpoint, NDManager manager) {
    return load(victim, settings.ddpgForm(), checkpoint, manager);
  }

  private static Network load(Victim victim, boolean ddpgForm, Path checkpoint, NDManager manager) {
    try (Env<?, ?> env = victim.envs().make(0)) {
      if (ddpgForm) {
        return DdpgSarsaTrainer.loadQ(checkpoint, ((Box) env.observationSpace()).flatSize(),
            ((Box) env.actionSpace()).flatSize(), manager);
      }
      return RobustSarsaTrainer.loadQ(checkpoint,
          RobustSarsaTrainer.inputSize(env.observationSpace(), env.actionSpace()), manager);
    }
  }
}
