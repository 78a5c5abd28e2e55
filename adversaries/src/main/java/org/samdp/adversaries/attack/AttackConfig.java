package org.samdp.adversaries.attack;

import java.util.List;
import java.util.Map;
import org.samdp.agents.config.ConfigLoader;

/**
 * Settings of the attacks, with the papers' defaults: K = 10 steps of η = ε/K for the critic, MAD, PGD and Robust
 * Sarsa attacks, SGLD temperature β = 1e-5 for MAD, a 50-step PGD for the most robust DQN agents (§6.5.1.3), and the
 * trained attackers' grid and training lengths. Loaded like training configs (YAML, {@code key.path=value} overrides
 * such as {@code mad.steps=20}).
 *
 * @param critic the critic attack (Algorithm 6.9)
 * @param mad the MAD attack (Algorithm 6.11)
 * @param pgd the PGD attack on Q networks (eq. 6.15), {@code pgd} on the command line
 * @param pgd50 the longer PGD attack (50 steps, for the most robust DQN agents, dissertation §6.5.1.3), {@code pgd50}
 *     on the command line
 * @param rs the Robust Sarsa attack's steps (RS and RS+MAD, from a uniform random start)
 * @param trained the trained attackers (Robust Sarsa critics, optimal adversaries): grid and training lengths
 */
public record AttackConfig(GradientSteps critic, Langevin mad, GradientSteps pgd, GradientSteps pgd50,
    GradientSteps rs, Trained trained) {
  /** The papers' settings. */
  public static final AttackConfig DEFAULTS = new AttackConfig(new GradientSteps(10, null),
      new Langevin(10, null, 1e-5), new GradientSteps(10, null), new GradientSteps(50, null),
      new GradientSteps(10, null), Trained.DEFAULTS);

  /**
   * Checks that every section is present; results written before the trained attacks existed read with their
   * defaults.
   */
  public AttackConfig {
    if (critic == null || mad == null || pgd == null || pgd50 == null) {
      throw new IllegalArgumentException("attack config needs the sections critic, mad, pgd and pgd50");
    }
    rs = rs == null ? new GradientSteps(10, null) : rs;
    trained = trained == null ? Trained.DEFAULTS : trained;
  }

  /** The attacks that read each section or key of the settings; the others ignore it. */
  private static final Map<String, List<String>> READ_BY = Map.of(
      "critic", List.of(Attacks.CRITIC),
      "mad", List.of(Attacks.MAD),
      "pgd", List.of(Attacks.PGD),
      "pgd50", List.of(Attacks.PGD50),
      "rs", List.of(Attacks.RS, Attacks.RS_MAD),
      "trained.grid", Attacks.TRAINED,
      "trained.sarsaIterations", List.of(Attacks.RS, Attacks.RS_MAD),
      "trained.sarsaSamples", List.of(Attacks.RS, Attacks.RS_MAD),
      "trained.adversaryIterations", List.of(Attacks.OPTIMAL));

  /**
   * Refuses a {@code key=value} setting that none of {@code attacks} reads ({@code mad.steps} with only random and
   * critic), naming the attacks that do; keys the settings do not have are left to {@link #loader()}.
   *
   * @param source how the user gave the settings, for the message, e.g. {@code --set}
   * @throws IllegalArgumentException for the first such setting
   */
  public static void requireRead(List<String> attacks, List<String> settings, String source) {
    List<String> families = attacks.stream().map(Attacks::family).toList();
    for (String setting : settings) {
      String key = setting.substring(0, Math.max(0, setting.indexOf('='))).trim();
      READ_BY.forEach((scope, readers) -> {
        if ((key.equals(scope) || key.startsWith(scope + ".")) && readers.stream().noneMatch(families::contains)) {
          throw new IllegalArgumentException(source + " " + setting + ": " + key + " is a setting of "
              + String.join(", ", readers) + ", and the attacks run here (" + String.join(", ", attacks)
              + ") do not read it; add " + readers.get(0) + " to --attack or drop the setting");
        }
      });
    }
  }

  /** The loader of attack configs over the defaults. */
  public static ConfigLoader<AttackConfig> loader() {
    return new ConfigLoader<>(AttackConfig.class, DEFAULTS);
  }

  /**
   * Projected sign-gradient steps.
   *
   * @param steps K, the number of projected sign-gradient steps (10, the papers' attacks; 50 for {@code pgd50},
   *     dissertation §6.5.1.3)
   * @param stepSize η per step and coordinate; null (the default) for ε/K, as the papers take it
   */
  public record GradientSteps(int steps, Double stepSize) {}

  /**
   * SGLD steps.
   *
   * @param steps K, the number of SGLD steps (10, the papers' MAD attack)
   * @param stepSize η per step and coordinate; null (the default) for ε/K, as the papers take it
   * @param temperature SGLD's temperature β (1e-5, the papers' MAD attack); the noise added before the sign has
   *     standard deviation {@code sqrt(2·η·β)}
   */
  public record Langevin(int steps, Double stepSize, double temperature) {}

  /**
   * The trained attackers.
   *
   * @param grid {@code small} (the default, sized for 2 cores) or {@code paper} (the authors' grids)
   * @param sarsaIterations Robust Sarsa's iterations: of 2048 steps against a PPO-family victim, of 1000 updates
   *     against a DDPG victim (30: the authors' 3e4 updates)
   * @param sarsaSamples against a DDPG victim, the steps of the noisy victim sampled before Robust Sarsa's updates
   *     (1e5)
   * @param adversaryIterations the optimal adversary's PPO iterations of 2048 steps (488, the authors' Hopper scan)
   */
  public record Trained(String grid, int sarsaIterations, Long sarsaSamples, int adversaryIterations) {
    /** The defaults. */
    public static final Trained DEFAULTS = new Trained("small", 30, 100_000L, 488);

    /** Range checks, naming the key; results written before {@code sarsaSamples} existed read with its default. */
    public Trained {
      sarsaSamples = sarsaSamples == null ? 100_000L : sarsaSamples;
      // The grids themselves are in the trained attacks' package, which builds on this one.
      if (!List.of("small", "paper").contains(grid)) {
        throw new IllegalArgumentException("unknown attack grid '" + grid + "', expected small or paper");
      }
      if (sarsaIterations <= 0 || sarsaSamples <= 0 || adversaryIterations <= 0) {
        throw new IllegalArgumentException("trained.sarsaIterations, trained.sarsaSamples and"
            + " trained.adversaryIterations must be positive, got " + sarsaIterations + ", " + sarsaSamples + " and "
            + adversaryIterations);
      }
    }
  }

  /** Checks a step count and step size, naming the attack; returns the steps. */
  public static int requireSteps(String attack, int steps, Double stepSize) {
    if (steps <= 0) {
      throw new IllegalArgumentException(attack + ".steps must be positive, got " + steps);
    }
    if (stepSize != null && !(stepSize > 0)) {
      throw new IllegalArgumentException(attack + ".stepSize must be positive (or left out for eps/steps), got "
          + stepSize);
    }
    return steps;
  }
}
