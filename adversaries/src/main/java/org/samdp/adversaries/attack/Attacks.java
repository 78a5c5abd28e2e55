package org.samdp.adversaries.attack;

import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.agents.threat.ObservationAdversary;

/** The attacks by name, as the command line and reports call them, and which of them apply to which agent. */
public final class Attacks {
  /** Uniform noise in the ball. */
  public static final String RANDOM = "random";
  /** The critic attack (V-based for PPO). */
  public static final String CRITIC = "critic";
  /** The maximal action difference attack. */
  public static final String MAD = "mad";
  /** PGD on the Q network with {@code pgd.steps} steps (10). */
  public static final String PGD = "pgd";
  /** PGD on the Q network with {@code pgd50.steps} steps (50). */
  public static final String PGD50 = "pgd50";
  /** Robust Sarsa: a critic of the fixed policy is learned first, then the attack minimises it (§6.4.1). */
  public static final String RS = "rs";
  /** Robust Sarsa plus the MAD term, with the ratio r of the MAD term, on the best RS critic. */
  public static final String RS_MAD = "rs-mad";
  /** The learned optimal adversary (SA-RL, §6.2.3). */
  public static final String OPTIMAL = "optimal";
  /** Every name, in the order the papers' tables list them (Tables 6.3, 6.5 and 6.9). */
  public static final List<String> NAMES = List.of(CRITIC, RANDOM, MAD, RS, RS_MAD, OPTIMAL, PGD, PGD50);
  /** The attacks that train an attacker first, per victim (and grid setting), before they attack. */
  public static final List<String> TRAINED = List.of(RS, RS_MAD, OPTIMAL);

  private Attacks() {}

  /**
   * The attacks that apply to an agent whose policy is of {@code kind}, given whether it has a critic and whether it
   * is stateful.
   */
  public static List<String> applicable(PolicyKind kind, boolean hasCritic, boolean stateful) {
    List<String> names = new ArrayList<>();
    for (String name : NAMES) {
      if (whyNot(name, kind, hasCritic, stateful) == null) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The attack a result belongs to: a trained attack's results are named by their setting, e.g.
   * {@code rs[eps=0.02,reg=0.1,iters=30]} belongs to {@code rs}; a fixed attack's name is its own.
   */
  public static String family(String result) {
    int settings = result.indexOf('[');
    return settings < 0 ? result : result.substring(0, settings);
  }

  /** The attacks {@code samdp attack} runs when none are named: those that apply and need no training. */
  public static List<String> defaults(PolicyKind kind, boolean hasCritic, boolean stateful) {
    List<String> names = applicable(kind, hasCritic, stateful);
    names.removeAll(TRAINED);
    return names;
  }

  /**
   * Checks that each attack applies to the agent.
   *
   * @throws IllegalArgumentException naming the first that does not and those that do
   */
  public static void requireApplicable(List<String> names, PolicyKind kind, boolean hasCritic, boolean stateful) {
    for (String name : names) {
      String problem = whyNot(name, kind, hasCritic, stateful);
      if (problem != null) {
        throw new IllegalArgumentException(problem + "; attacks for this agent: "
            + String.join(", ", applicable(kind, hasCritic, stateful)));
      }
    }
  }

  /**
   * A fresh attack of those that need no training ({@link #TRAINED} ones are trained per victim first).
   *
   * @param critic the agent's critic, or null if it has none
   * @param seed seed of the attack's noise (random and MAD)
   * @throws IllegalArgumentException for an unknown name, an attack that does not apply to the agent, or bad settings
   */
  public static ObservationAdversary create(String name, AttackConfig config, PolicyKind kind, Critic critic,
      long seed) {
    requireApplicable(List.of(name), kind, critic != null, false);
    return switch (name) {
      case RANDOM -> new RandomAttack(new SplitMix64(SplitMix64.hash(seed, 1)));
      case CRITIC -> new CriticAttack(critic, config.critic().steps(), config.critic().stepSize());
      case MAD -> new MadAttack(config.mad().steps(), config.mad().stepSize(), config.mad().temperature(),
          new SplitMix64(SplitMix64.hash(seed, 2)));
      case PGD -> new PgdAttack(config.pgd().steps(), config.pgd().stepSize());
      case PGD50 -> new PgdAttack(config.pgd50().steps(), config.pgd50().stepSize());
      default -> throw new IllegalArgumentException("the " + name + " attack trains an attacker per victim first;"
          + " samdp attack does that");
    };
  }

  private static String whyNot(String name, PolicyKind kind, boolean hasCritic, boolean stateful) {
    return switch (name) {
      case RANDOM, OPTIMAL -> null;
      case RS, RS_MAD -> stateful ? "the " + name + " attack queries the policy as if it had no state, and this policy"
          + " is stateful (recurrent)" : null;
      case CRITIC -> hasCritic ? null : "the critic attack needs the agent's value function, and this agent has none"
          + " saved (PPO checkpoints have one)";
      case MAD -> !kind.isStochastic() && kind != PolicyKind.DETERMINISTIC ? "the MAD attack needs an action"
          + " distribution or a deterministic actor, and " + kind.describe() + " has neither"
          : stateful && !kind.isStochastic() ? "the MAD attack pauses the history of stochastic policies only, and"
          + " this deterministic actor is stateful (recurrent)" : null;
      case PGD, PGD50 -> kind == PolicyKind.Q_VALUES ? null : "the PGD attack targets Q networks (DQN agents), and this"
          + " agent's policy is " + kind.describe();
      default -> "unknown attack '" + name + "', expected one of " + String.join(", ", NAMES);
    };
  }

  /**
   * Refuses a stateful (recurrent) victim for an attack that queries the policy: it would have to pause the victim's
   * history while it searches, which these attacks do not do.
   */
  public static void requireStateless(String attack, Policy victim) {
    if (victim.isStateful()) {
      throw new IllegalArgumentException("the " + attack + " attack queries the policy as if it had no state, and this"
          + " policy is stateful (recurrent); attack it with random, or critic where it has one");
    }
  }
}
