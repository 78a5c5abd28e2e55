package org.samdp.adversaries.attack;

import org.samdp.agents.config.ConfigLoader;

/**
 * Settings of the gradient-based attacks, with the papers' defaults: K = 10 steps of η = ε/K for the critic, MAD and
 * PGD attacks, SGLD temperature β = 1e-5 for MAD, and a 50-step PGD for the most robust DQN agents (§6.5.1.3).
 * Loaded like training configs (YAML, {@code key.path=value} overrides such as {@code mad.steps=20}).
 *
 * @param critic the critic attack (Algorithm 6.9)
 * @param mad the MAD attack (Algorithm 6.11)
 * @param pgd the PGD attack on Q networks (eq. 6.15), {@code pgd} on the command line
 * @param pgd50 the longer PGD attack, {@code pgd50} on the command line
 */
public record AttackConfig(GradientSteps critic, Langevin mad, GradientSteps pgd, GradientSteps pgd50) {
  /** The papers' settings. */
  public static final AttackConfig DEFAULTS = new AttackConfig(new GradientSteps(10, null),
      new Langevin(10, null, 1e-5), new GradientSteps(10, null), new GradientSteps(50, null));

  /** Checks that every section is present. */
  public AttackConfig {
    if (critic == null || mad == null || pgd == null || pgd50 == null) {
      throw new IllegalArgumentException("attack config needs the sections critic, mad, pgd and pgd50");
    }
  }

  /** The loader of attack configs over the defaults. */
  public static ConfigLoader<AttackConfig> loader() {
    return new ConfigLoader<>(AttackConfig.class, DEFAULTS);
  }

  /**
   * Projected sign-gradient steps.
   *
   * @param steps K
   * @param stepSize η per step and coordinate; null for ε/K
   */
  public record GradientSteps(int steps, Double stepSize) {}

  /**
   * SGLD steps.
   *
   * @param steps K
   * @param stepSize η; null for ε/K
   * @param temperature β; the noise before the sign has standard deviation {@code sqrt(2·η·β)}
   */
  public record Langevin(int steps, Double stepSize, double temperature) {}

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
