package org.samdp.agents.dqn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyKind;
import org.samdp.agents.robust.ActionMargin;
import org.samdp.agents.robust.ObservationRange;
import org.samdp.agents.robust.Pgd;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.certify.ActionCertificate;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;

/**
 * The robustness evaluation of a greedy Q-value policy as in Table 6.5: returns without attack or under an untargeted
 * ℓ∞ PGD attack on the observations (the agent acts on the perturbed observation, the environment moves on from the
 * true state), and the action certification rate: the fraction of visited states whose greedy action is certified
 * unchanged over the whole ball (eq. 6.9). All episodes run side by side, so the attack and the bounds work on one
 * batch per step.
 *
 * <p>The attack maximises the cross-entropy of the Q values (read as logits) against the clean greedy action, by
 * {@link Pgd} from a random start with step ε/K, pixels kept in their range. A state counts as certified when IBP or
 * CROWN proves every margin {@code Q(a*) − Q(a)} positive (both are sound; for IBP-trained networks IBP is often the
 * tighter).
 */
public final class DqnEvaluation {
  private DqnEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param episodes episodes, run side by side; episode {@code j} is reset with seed
   *     {@code SplitMix64.hash(seed, 0, j)}, as {@link org.samdp.agents.rollout.PolicyEvaluation} seeds it
   * @param seed seed of the episodes and the attack's random starts
   * @param eps ℓ∞ radius in the network's input space
   * @param pgdSteps PGD iterations; 0 for no attack
   * @param certify compute the action certification rate at the states visited
   * @param maxEpisodeSteps episodes are cut after this many steps
   */
  public record Options(int episodes, long seed, double eps, int pgdSteps, boolean certify, int maxEpisodeSteps) {
    /** Range checks. */
    public Options {
      if (episodes <= 0 || pgdSteps < 0 || maxEpisodeSteps <= 0 || !(eps >= 0)) {
        throw new IllegalArgumentException("evaluation needs episodes > 0, pgdSteps >= 0, maxEpisodeSteps > 0 and"
            + " eps >= 0, got " + episodes + ", " + pgdSteps + ", " + maxEpisodeSteps + ", " + eps);
      }
    }
  }

  /**
   * What the evaluation found.
   *
   * @param returns the episodes' returns, in episode order
   * @param meanReturn their mean
   * @param stdReturn their sample standard deviation
   * @param steps states visited (actions taken)
   * @param certified states whose greedy action was certified (0 when not asked)
   * @param certificationRate {@code certified / steps}, NaN when not asked
   */
  public record Result(double[] returns, double meanReturn, double stdReturn, long steps, long certified,
      double certificationRate) {}

  /**
   * Runs the episodes.
   *
   * @throws IllegalArgumentException for a policy that is not greedy over Q values, an env without Discrete actions,
   *     or a pixel radius outside the pixel range
   */
  public static Result run(Policy policy, String envId, Options options, NDManager manager) {
    if (policy.kind() != PolicyKind.Q_VALUES) {
      throw new IllegalArgumentException("DQN evaluation needs a Q-value policy, got " + policy.kind());
    }
    int n = options.episodes();
    List<Env<double[], Integer>> envs = new ArrayList<>();
    try {
      for (int j = 0; j < n; j++) {
        envs.add(EnvRegistry.makeDiscrete(envId));
      }
      ObservationRange range = ObservationRange.of((Box) envs.get(0).observationSpace());
      range.checkRadius(options.eps());
      int actionOffset = ((Discrete) envs.get(0).actionSpace()).start();
      double[][] observations = new double[n][];
      for (int j = 0; j < n; j++) {
        observations[j] = envs.get(j).reset(SplitMix64.hash(options.seed(), 0, j), Map.of()).observation();
      }
      Policy view = policy.detached();
      BoundedNetwork bounded = options.certify() ? new BoundedNetwork(view.network()) : null;
      Pgd pgd = options.pgdSteps() > 0 ? new Pgd(options.pgdSteps(), true) : null;
      SplitMix64 random = new SplitMix64(SplitMix64.hash(options.seed(), 23));
      double[] returns = new double[n];
      int[] lengths = new int[n];
      long steps = 0;
      long certified = 0;
      List<Integer> active = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        active.add(j);
      }
      while (!active.isEmpty()) {
        double[][] rows = new double[active.size()][];
        for (int k = 0; k < rows.length; k++) {
          rows[k] = observations[active.get(k)];
        }
        int[] chosen;
        try (NDManager scope = manager.newSubManager()) {
          NDArray states = view.normalize(scope, rows);
          NDArray greedy = view.network().forward(states).argMax(1);
          if (bounded != null) {
            certified += countCertified(bounded, range.ball(states, options.eps()));
          }
          NDArray acted = greedy;
          if (pgd != null) {
            NDArray perturbed = pgd.maximize(s -> ActionMargin.crossEntropy(view.network().forward(s), greedy), states,
                options.eps(), range.low(), range.high(), random);
            acted = view.network().forward(perturbed).argMax(1);
          }
          chosen = acted.toType(DataType.INT32, false).toIntArray();
        }
        steps += rows.length;
        List<Integer> still = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
          int j = active.get(k);
          Step<double[]> step = envs.get(j).step(actionOffset + chosen[k]);
          returns[j] += step.reward();
          lengths[j]++;
          observations[j] = step.observation();
          if (!step.done() && lengths[j] < options.maxEpisodeSteps()) {
            still.add(j);
          }
        }
        active = still;
      }
      double mean = Arrays.stream(returns).average().orElse(Double.NaN);
      double squares = Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).sum();
      double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
      return new Result(returns, mean, std, steps, certified,
          options.certify() ? (double) certified / steps : Double.NaN);
    } finally {
      envs.forEach(Env::close);
    }
  }

  /** States whose greedy action IBP or CROWN certifies over the ball. */
  private static int countCertified(BoundedNetwork bounded, LpBall ball) {
    boolean[] byIbp = ActionCertificate.certify(bounded, ball, BoundMethod.IBP).certified();
    boolean[] byCrown = ActionCertificate.certify(bounded, ball, BoundMethod.CROWN).certified();
    int count = 0;
    for (int b = 0; b < byIbp.length; b++) {
      count += byIbp[b] || byCrown[b] ? 1 : 0;
    }
    return count;
  }
}
