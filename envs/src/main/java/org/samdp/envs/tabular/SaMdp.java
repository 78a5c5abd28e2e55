package org.samdp.envs.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A finite state-adversarial MDP (S, A, B, R, p, γ) of dissertation §6.2.1: states S and actions A (named, indexed
 * from 0), transition probabilities p(s'|s, a), rewards R(s, a, s'), a discount γ ∈ [0, 1], and for every state s the
 * adversary perturbation set B(s) ⊆ S (Definition 6.2.2): the states the adversary may show the agent when the true
 * state is s. B(s) always contains s, so "no perturbation" is always an option. The environment moves from the true
 * state; only the agent's observation changes.
 *
 * <p>Immutable; build one with {@link #builder}. Unset probabilities and rewards are 0, an unset B(s) is {s}.
 */
public final class SaMdp {
  /** How far from 1 a distribution p(·|s, a) may sum. */
  public static final double PROBABILITY_TOLERANCE = 1e-9;

  private final List<String> states;
  private final List<String> actions;
  private final double[][][] p;
  private final double[][][] r;
  private final double gamma;
  private final List<List<Integer>> perturbationSets;

  private SaMdp(Builder builder) {
    this.states = builder.states;
    this.actions = builder.actions;
    this.p = deepCopy(builder.p);
    this.r = deepCopy(builder.r);
    this.gamma = builder.gamma;
    List<List<Integer>> sets = new ArrayList<>();
    for (TreeSet<Integer> set : builder.perturbationSets) {
      sets.add(List.copyOf(set));
    }
    this.perturbationSets = List.copyOf(sets);
  }

  /**
   * Starts an SA-MDP with the given state and action names (distinct, non-blank) and discount γ ∈ [0, 1].
   *
   * @throws IllegalArgumentException on empty or repeated names or a discount outside [0, 1]
   */
  public static Builder builder(List<String> states, List<String> actions, double gamma) {
    return new Builder(states, actions, gamma);
  }

  /** |S|. */
  public int numStates() {
    return states.size();
  }

  /** |A|. */
  public int numActions() {
    return actions.size();
  }

  /** The state names, in index order. */
  public List<String> states() {
    return states;
  }

  /** The action names, in index order. */
  public List<String> actions() {
    return actions;
  }

  /** The discount γ. */
  public double gamma() {
    return gamma;
  }

  /** p(s'|s, a): the probability of moving from true state {@code s} to {@code next} under action {@code a}. */
  public double probability(int s, int a, int next) {
    return p[s][a][next];
  }

  /** R(s, a, s'). */
  public double reward(int s, int a, int next) {
    return r[s][a][next];
  }

  /** B(s), ascending; always contains {@code s}. */
  public List<Integer> perturbationSet(int s) {
    return perturbationSets.get(s);
  }

  /**
   * Checks that a policy acts on this SA-MDP: one row per state (the observed state) and one column per action.
   *
   * @throws IllegalArgumentException naming both shapes when they differ
   */
  public void checkPolicy(TabularPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (policy.numStates() != numStates() || policy.numActions() != numActions()) {
      throw new IllegalArgumentException("policy is over " + policy.numStates() + " states x " + policy.numActions()
          + " actions, the SA-MDP has " + numStates() + " states x " + numActions() + " actions");
    }
  }

  @Override
  public String toString() {
    return "SaMdp(" + numStates() + " states, " + numActions() + " actions, gamma=" + gamma + ")";
  }

  private static double[][][] deepCopy(double[][][] array) {
    double[][][] copy = new double[array.length][][];
    for (int s = 0; s < array.length; s++) {
      copy[s] = new double[array[s].length][];
      for (int a = 0; a < array[s].length; a++) {
        copy[s][a] = array[s][a].clone();
      }
    }
    return copy;
  }

  /**
   * Collects p, R and B entry by entry, as the dissertation lists them ("unmentioned probabilities and rewards are
   * 0"). Indices and values are checked on each call; {@link #build} checks the whole.
   */
  public static final class Builder {
    private final List<String> states;
    private final List<String> actions;
    private final double gamma;
    private final double[][][] p;
    private final double[][][] r;
    private final List<TreeSet<Integer>> perturbationSets = new ArrayList<>();

    private Builder(List<String> states, List<String> actions, double gamma) {
      this.states = checkNames("state", states);
      this.actions = checkNames("action", actions);
      if (!(gamma >= 0 && gamma <= 1)) {
        throw new IllegalArgumentException("discount gamma must be in [0, 1], got " + gamma);
      }
      this.gamma = gamma;
      this.p = new double[states.size()][actions.size()][states.size()];
      this.r = new double[states.size()][actions.size()][states.size()];
      for (int s = 0; s < states.size(); s++) {
        perturbationSets.add(new TreeSet<>(List.of(s)));
      }
    }

    /** Sets p(next|s, a). */
    public Builder transition(int s, int a, int next, double probability) {
      checkTransition(s, a, next);
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "p(" + states.get(next) + "|" + states.get(s) + "," + actions.get(a) + ") must be in [0, 1], got "
                + probability);
      }
      p[s][a][next] = probability;
      return this;
    }

    /** Sets R(s, a, next). */
    public Builder reward(int s, int a, int next, double reward) {
      checkTransition(s, a, next);
      if (!Double.isFinite(reward)) {
        throw new IllegalArgumentException(
            "R(" + states.get(s) + "," + actions.get(a) + "," + states.get(next) + ") must be finite, got " + reward);
      }
      r[s][a][next] = reward;
      return this;
    }

    /**
     * Sets B(s), the states the adversary may show in true state {@code s}; they must include {@code s} itself.
     */
    public Builder perturbationSet(int s, int... observed) {
      checkIndex("state", s, states.size());
      TreeSet<Integer> set = new TreeSet<>();
      for (int o : observed) {
        checkIndex("observed state in B(" + states.get(s) + ")", o, states.size());
        set.add(o);
      }
      if (!set.contains(s)) {
        throw new IllegalArgumentException("B(" + states.get(s) + ") must contain " + states.get(s)
            + " itself (the adversary may always leave the observation unchanged), got " + names(set));
      }
      perturbationSets.set(s, set);
      return this;
    }

    /**
     * Checks that every p(·|s, a) sums to 1 and that no reward sits on a transition of probability 0 (such a reward
     * could never be received, so it is a typo in the model), reporting every problem at once.
     *
     * @throws IllegalArgumentException listing the problems
     */
    public SaMdp build() {
      List<String> problems = new ArrayList<>();
      for (int s = 0; s < states.size(); s++) {
        for (int a = 0; a < actions.size(); a++) {
          double sum = Arrays.stream(p[s][a]).sum();
          if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
            problems.add("p(.|" + states.get(s) + "," + actions.get(a) + ") sums to " + sum + ", not 1");
          }
          for (int next = 0; next < states.size(); next++) {
            if (r[s][a][next] != 0 && p[s][a][next] == 0) {
              problems.add("R(" + states.get(s) + "," + actions.get(a) + "," + states.get(next) + ") = "
                  + r[s][a][next] + " but p(" + states.get(next) + "|" + states.get(s) + "," + actions.get(a)
                  + ") = 0: the reward can never be received");
            }
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid SA-MDP:\n  " + String.join("\n  ", problems));
      }
      return new SaMdp(this);
    }

    private void checkTransition(int s, int a, int next) {
      checkIndex("state", s, states.size());
      checkIndex("action", a, actions.size());
      checkIndex("next state", next, states.size());
    }

    private String names(TreeSet<Integer> set) {
      return set.stream().map(states::get).toList().toString();
    }

    private static void checkIndex(String what, int index, int size) {
      if (index < 0 || index >= size) {
        throw new IllegalArgumentException(what + " index " + index + " is outside [0, " + size + ")");
      }
    }

    private static List<String> checkNames(String what, List<String> names) {
      Objects.requireNonNull(names, what + " names");
      if (names.isEmpty()) {
        throw new IllegalArgumentException("an SA-MDP needs at least one " + what);
      }
      HashSet<String> seen = new HashSet<>();
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException(what + " names must not be blank, got " + names);
        }
        if (!seen.add(name)) {
          throw new IllegalArgumentException(what + " name '" + name + "' appears twice in " + names);
        }
      }
      return List.copyOf(names);
    }
  }
}
