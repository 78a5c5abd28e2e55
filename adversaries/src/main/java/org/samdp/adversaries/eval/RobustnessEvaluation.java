package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.EnvSource;
import org.samdp.agents.rollout.Episode;
import org.samdp.agents.rollout.EpisodeLoop;
import org.samdp.agents.rollout.PolicyEvaluation;
import org.samdp.agents.rollout.Transition;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.spaces.Box;

/**
 * The evaluation protocol of §6.5: a policy acts deterministically (Gaussian mean, arg-max, the actor's output) for a
 * fixed set of seeded episodes, with or without an attack. Under attack the env steps from its true state and only
 * the agent's view changes: the {@link EpisodeLoop} hands each step's normalized observations s to the adversary, and
 * the agent acts on ŝ ∈ B(s). Optionally every step is also certified at the true observation (a recurrent policy at
 * its true history).
 *
 * <p>Episodes run side by side, up to {@code parallelEnvs} at a time, as one batch through the policy and the attack;
 * episode k is episode k of the loop's stream 0 for every run, so the natural and attacked runs (and the clean
 * evaluation of {@code evaluation.json}, with the same seed) see the same initial states, and results do not depend
 * on the batching except through the attacks' noise.
 */
public final class RobustnessEvaluation {
  /** The papers evaluate over 50 episodes. */
  public static final int DEFAULT_EPISODES = 50;

  private RobustnessEvaluation() {}

  /**
   * How many episodes, from which seed, how many at a time.
   *
   * @param episodes episodes in all, {@code > 0}
   * @param seed the seed episode seeds derive from
   * @param parallelEnvs episodes stepped side by side, {@code > 0}
   */
  public record Settings(int episodes, long seed, int parallelEnvs) {
    /** Range checks. */
    public Settings {
      if (episodes <= 0) {
        throw new IllegalArgumentException("number of episodes must be positive, got " + episodes);
      }
      if (parallelEnvs <= 0) {
        throw new IllegalArgumentException("number of parallel envs must be positive, got " + parallelEnvs);
      }
    }

    /**
     * {@code episodes} from {@code seed}, up to {@value PolicyEvaluation#PARALLEL} side by side (as the clean
     * evaluation runs them): each step's cost is mostly per call, not per observation, so wide batches are nearly
     * free.
     */
    public static Settings of(int episodes, long seed) {
      return new Settings(episodes, seed, Math.min(episodes, PolicyEvaluation.PARALLEL));
    }
  }

  /**
   * Runs the episodes.
   *
   * @param envs where the envs come from
   * @param attack the adversary, or null for the natural (unattacked) return
   * @param threat B(s), for the attack and the certificates (see {@link #threatModel})
   * @param certifier certifies every step at the true observation, or null
   * @param onEpisode told of each finished episode (progress), may be null
   * @throws IllegalArgumentException for an unknown env, or spaces that do not fit the policy
   */
  public static EvaluationResult run(Policy policy, EnvSource envs, ThreatModel threat, ObservationAdversary attack,
      Certifier certifier, Settings settings, Consumer<Episode> onEpisode) {
    List<Episode> finished = new ArrayList<>();
    List<Certificates> certificates = new ArrayList<>();
    EpisodeCertifier steps = certifier == null ? null : certifier.alongEpisodes();
    try (NDManager manager = NDManager.newBaseManager();
        EpisodeLoop loop = EpisodeLoop.episodes(envs, settings.episodes(), settings.parallelEnvs(), settings.seed())
            .withAdversary(attack, threat)) {
      while (!loop.done()) {
        try (NDManager scope = manager.newSubManager()) {
          long[] episodes = loop.runningEpisodes();
          Transition transition = loop.step(scope, policy,
              (view, state, starts) -> policy.act(view, state, starts, true, null));
          if (steps != null) {
            certificates.add(steps.certify(transition.states(), episodes, threat));
          }
          for (Episode done : transition.step().finished()) {
            finished.add(done);
            if (onEpisode != null) {
              onEpisode.accept(done);
            }
          }
        }
      }
    }
    finished.sort(Comparator.comparingLong(Episode::index));
    return new EvaluationResult(finished, certifier == null ? null
        : CertificateSummary.of(certificates, certifier.maxRadius()));
  }

  /**
   * The threat model for a policy on an env: the ℓ∞ ball of radius {@code eps} clipped to the normalized image of the
   * env's observation Box.
   */
  public static ThreatModel threatModel(Policy policy, EnvSource envs, double eps) {
    try (Env<?, ?> env = envs.make(0); NDManager manager = NDManager.newBaseManager()) {
      if (!(env.observationSpace() instanceof Box box)) {
        throw new IllegalArgumentException(env.spec().id() + " has observation space " + env.observationSpace()
            + "; the agents need a Box observation space");
      }
      return ThreatModel.of(eps, policy.normalizer(), box, manager);
    }
  }
}
