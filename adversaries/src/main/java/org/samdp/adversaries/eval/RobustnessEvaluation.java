package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.samdp.adversaries.attack.Attack;
import org.samdp.adversaries.attack.ThreatModel;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.rollout.SplitMix64;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.wrappers.ClipAction;

/**
 * The evaluation protocol of §6.5: a policy acts deterministically (Gaussian mean, arg-max) for a fixed set of seeded
 * episodes, with or without an attack. Under attack the env steps from its true state and only the agent's view
 * changes: each step the normalized observations s go to the attack, and the agent acts on ŝ ∈ B(s). Optionally every
 * step is also certified at the true observation.
 *
 * <p>Episodes run side by side, up to {@code parallelEnvs} at a time, as one batch through the policy and the attack;
 * episode k always starts from {@code reset(seed = hash(seed, k))}, so the natural and attacked runs see the same
 * initial states, and results do not depend on the batching except through the attacks' noise.
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
     * {@code episodes} from {@code seed}, up to 64 side by side: each step's cost is mostly per call, not per
     * observation, so wide batches are nearly free.
     */
    public static Settings of(int episodes, long seed) {
      return new Settings(episodes, seed, Math.min(episodes, 64));
    }
  }

  /**
   * Runs the episodes.
   *
   * @param attack the adversary, or null for the natural (unattacked) return
   * @param threat B(s), for the attack and the certificates (see {@link #threatModel})
   * @param certifier certifies every step at the true observation, or null
   * @param onEpisode told of each finished episode (progress), may be null
   * @throws IllegalArgumentException for an unknown env, or spaces that do not fit the policy
   */
  public static EvaluationResult run(Policy policy, String envId, ThreatModel threat, Attack attack,
      Certifier certifier, Settings settings, Consumer<EpisodeResult> onEpisode) {
    List<Env<double[], Object>> envs = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int i = 0; i < settings.parallelEnvs(); i++) {
        envs.add(make(envId));
      }
      Slots slots = new Slots(envs, settings);
      List<EpisodeResult> finished = new ArrayList<>();
      List<Certificates> certificates = new ArrayList<>();
      while (slots.anyRunning()) {
        int[] running = slots.running();
        double[][] raw = new double[running.length][];
        for (int j = 0; j < running.length; j++) {
          raw[j] = slots.observation[running[j]];
        }
        double[][] actions;
        try (NDManager scope = manager.newSubManager()) {
          NDArray states = policy.normalize(scope, raw);
          if (certifier != null) {
            certificates.add(certifier.certify(states, threat));
          }
          NDArray view = attack == null ? states : attack.perturb(policy, states, threat);
          actions = rows(policy.actDeterministic(view), running.length);
        }
        for (int j = 0; j < running.length; j++) {
          EpisodeResult done = slots.step(running[j], actions[j]);
          if (done != null) {
            finished.add(done);
            if (onEpisode != null) {
              onEpisode.accept(done);
            }
          }
        }
      }
      finished.sort(Comparator.comparingInt(EpisodeResult::index));
      return new EvaluationResult(finished, certifier == null ? null
          : CertificateSummary.of(certificates, certifier.maxRadius()));
    } finally {
      envs.forEach(Env::close);
    }
  }

  /**
   * The threat model for a policy on an env: the ℓ∞ ball of radius {@code eps} clipped to the normalized image of the
   * env's observation Box.
   */
  public static ThreatModel threatModel(Policy policy, String envId, double eps) {
    try (Env<double[], Object> env = make(envId); NDManager manager = NDManager.newBaseManager()) {
      return ThreatModel.of(eps, policy.normalizer(), (Box) env.observationSpace(), manager);
    }
  }

  /** The episode seed of episode {@code index}: what its env is reset with. */
  public static long episodeSeed(long seed, int index) {
    return SplitMix64.hash(seed, index);
  }

  @SuppressWarnings("unchecked")
  private static Env<double[], Object> make(String envId) {
    Env<?, ?> env = EnvRegistry.make(envId);
    if (!(env.observationSpace() instanceof Box)) {
      env.close();
      throw new IllegalArgumentException(envId + " has observation space " + env.observationSpace()
          + "; the agents need a Box observation space");
    }
    if (env.actionSpace() instanceof Box) {
      return (Env<double[], Object>) (Env<?, ?>) new ClipAction<>((Env<double[], double[]>) env);
    }
    return (Env<double[], Object>) env;
  }

  /** Actions as rows of doubles: one index per row for discrete actions, the vector otherwise. */
  private static double[][] rows(NDArray actions, int batch) {
    double[] flat = actions.toType(DataType.FLOAT64, false).toDoubleArray();
    int width = flat.length / batch;
    double[][] rows = new double[batch][];
    for (int b = 0; b < batch; b++) {
      rows[b] = Arrays.copyOfRange(flat, b * width, (b + 1) * width);
    }
    return rows;
  }

  /** The envs and which episode each one is running. */
  private static final class Slots {
    private final List<Env<double[], Object>> envs;
    private final Settings settings;
    private final int[] episode;
    private final double[][] observation;
    private final double[] episodeReturn;
    private final int[] length;
    private int nextEpisode;

    Slots(List<Env<double[], Object>> envs, Settings settings) {
      this.envs = envs;
      this.settings = settings;
      this.episode = new int[envs.size()];
      this.observation = new double[envs.size()][];
      this.episodeReturn = new double[envs.size()];
      this.length = new int[envs.size()];
      for (int i = 0; i < envs.size(); i++) {
        start(i);
      }
    }

    boolean anyRunning() {
      return running().length > 0;
    }

    int[] running() {
      int[] slots = new int[envs.size()];
      int count = 0;
      for (int i = 0; i < envs.size(); i++) {
        if (episode[i] >= 0) {
          slots[count++] = i;
        }
      }
      return Arrays.copyOf(slots, count);
    }

    /** Steps slot {@code i}; returns the finished episode, if this step ended it. */
    EpisodeResult step(int i, double[] action) {
      Env<double[], Object> env = envs.get(i);
      Space<?> actionSpace = env.actionSpace();
      Object envAction = actionSpace instanceof Discrete discrete ? (Object) (discrete.start() + (int) action[0]) : action;
      Step<double[]> step = env.step(envAction);
      episodeReturn[i] += step.reward();
      length[i]++;
      observation[i] = step.observation();
      if (!step.done()) {
        return null;
      }
      EpisodeResult result = new EpisodeResult(episode[i], episodeSeed(settings.seed(), episode[i]),
          episodeReturn[i], length[i]);
      start(i);
      return result;
    }

    private void start(int i) {
      if (nextEpisode >= settings.episodes()) {
        episode[i] = -1;
        return;
      }
      episode[i] = nextEpisode++;
      episodeReturn[i] = 0;
      length[i] = 0;
      observation[i] = envs.get(i).reset(episodeSeed(settings.seed(), episode[i]), Map.of()).observation();
    }
  }
}
