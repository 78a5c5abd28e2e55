package org.samdp.agents.rollout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.wrappers.ClipAction;

/**
 * Steps a set of environments for a trainer, resetting each as soon as its episode ends.
 *
 * <p>Episodes are seeded and replayable: episode {@code j} of sub-env {@code i} starts with
 * {@code reset(seed = SplitMix64.hash(seed, i, j))}, and the runner remembers the actions of every running episode. A
 * saved {@link RunnerState} is restored by replaying those actions, so a resumed run continues with bit-identical
 * environment states (for envs that are deterministic given their seed and actions, which every registered env is;
 * the restore checks it).
 *
 * <p>Observations must come from a Box space; actions are rows of doubles, one per sub-env (a one-element row holding
 * the index for a Discrete space). Gaussian policies' unbounded actions are clipped into the env's Box.
 */
public final class EnvRunner implements AutoCloseable {
  private final List<Env<double[], Object>> envs;
  private final Space<?> actionSpace;
  private final int observationSize;
  private final long seed;
  private final double[][] observations;
  private final long[] episodeIndex;
  private final double[] episodeReturn;
  private final int[] episodeLength;
  private final List<List<double[]>> episodeActions;

  /**
   * Runs {@code numEnvs} copies of a registered env ({@link ClipAction} around Box action spaces) and resets them.
   *
   * @throws IllegalArgumentException for an unknown id, a non-Box observation space or an unsupported action space
   */
  public static EnvRunner make(String envId, int numEnvs, long seed) {
    return new EnvRunner(i -> clipped(EnvRegistry.make(envId)), numEnvs, seed);
  }

  /** Runs {@code numEnvs} envs from a factory (given the sub-env index) and resets them. */
  public EnvRunner(IntFunction<Env<?, ?>> factory, int numEnvs, long seed) {
    if (numEnvs <= 0) {
      throw new IllegalArgumentException("number of envs must be positive, got " + numEnvs);
    }
    this.envs = new ArrayList<>();
    try {
      for (int i = 0; i < numEnvs; i++) {
        envs.add(checked(factory.apply(i)));
      }
    } catch (RuntimeException e) {
      envs.forEach(Env::close);
      throw e;
    }
    this.actionSpace = envs.get(0).actionSpace();
    this.observationSize = ((Box) envs.get(0).observationSpace()).flatSize();
    this.seed = seed;
    this.observations = new double[numEnvs][];
    this.episodeIndex = new long[numEnvs];
    this.episodeReturn = new double[numEnvs];
    this.episodeLength = new int[numEnvs];
    this.episodeActions = new ArrayList<>();
    for (int i = 0; i < numEnvs; i++) {
      episodeActions.add(new ArrayList<>());
      observations[i] = startEpisode(i);
    }
  }

  @SuppressWarnings("unchecked")
  private static Env<double[], Object> checked(Env<?, ?> env) {
    String id = env.spec().id();
    if (!(env.observationSpace() instanceof Box)) {
      env.close();
      throw new IllegalArgumentException(id + " has observation space " + env.observationSpace()
          + "; the agents need a Box observation space");
    }
    if (!(env.actionSpace() instanceof Box) && !(env.actionSpace() instanceof Discrete)) {
      env.close();
      throw new IllegalArgumentException(id + " has action space " + env.actionSpace()
          + "; the agents support Box (continuous) and Discrete action spaces");
    }
    return (Env<double[], Object>) env;
  }

  @SuppressWarnings("unchecked")
  private static Env<?, ?> clipped(Env<?, ?> env) {
    if (env.actionSpace() instanceof Box && env.observationSpace() instanceof Box) {
      return new ClipAction<>((Env<double[], double[]>) env);
    }
    return env;
  }

  public int numEnvs() {
    return envs.size();
  }

  /** The observation space of one sub-env. */
  public Space<?> observationSpace() {
    return envs.get(0).observationSpace();
  }

  /** The action space of one sub-env (for Box spaces, the unbounded space of {@link ClipAction}). */
  public Space<?> actionSpace() {
    return actionSpace;
  }

  /** The innermost env's action space (the bounds actions are clipped to). */
  public Space<?> innerActionSpace() {
    return envs.get(0).unwrapped().actionSpace();
  }

  /** Values per observation. */
  public int observationSize() {
    return observationSize;
  }

  /** The env id. */
  public String envId() {
    return envs.get(0).spec().id();
  }

  /** The current raw observation of every sub-env (not copied: do not modify). */
  public double[][] observations() {
    return observations;
  }

  /**
   * Steps every sub-env with its action and starts a new episode where one ended.
   *
   * @param actions one row per sub-env
   */
  public StepResult step(double[][] actions) {
    int n = envs.size();
    if (actions.length != n) {
      throw new IllegalArgumentException("got " + actions.length + " actions for " + n + " envs");
    }
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    double[][] finalObservations = new double[n][];
    List<Episode> finished = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] action = actions[i].clone();
      Step<double[]> step = envs.get(i).step(toEnvAction(action));
      episodeActions.get(i).add(action);
      episodeReturn[i] += step.reward();
      episodeLength[i]++;
      rewards[i] = step.reward();
      terminated[i] = step.terminated();
      truncated[i] = step.truncated();
      if (step.done()) {
        finished.add(new Episode(i, episodeReturn[i], episodeLength[i]));
        finalObservations[i] = step.observation();
        episodeIndex[i]++;
        observations[i] = startEpisode(i);
      } else {
        observations[i] = step.observation();
      }
    }
    return new StepResult(observations.clone(), rewards, terminated, truncated, finalObservations, finished);
  }

  private Object toEnvAction(double[] action) {
    if (actionSpace instanceof Discrete discrete) {
      if (action.length != 1 || action[0] != Math.rint(action[0])) {
        throw new IllegalArgumentException("a Discrete action must be one integer, got " + Arrays.toString(action));
      }
      return discrete.start() + (int) action[0];
    }
    return action;
  }

  private double[] startEpisode(int i) {
    episodeReturn[i] = 0;
    episodeLength[i] = 0;
    episodeActions.get(i).clear();
    Reset<double[]> reset = envs.get(i).reset(SplitMix64.hash(seed, i, episodeIndex[i]), Map.of());
    return reset.observation();
  }

  /** The episode counters and running episodes' actions, enough to {@link #restore} the envs exactly. */
  public RunnerState state() {
    List<RunnerState.EnvState> states = new ArrayList<>();
    for (int i = 0; i < envs.size(); i++) {
      states.add(new RunnerState.EnvState(episodeIndex[i], episodeActions.get(i).toArray(double[][]::new),
          observations[i].clone()));
    }
    return new RunnerState(seed, states);
  }

  /**
   * Replays the saved running episodes.
   *
   * @throws IllegalStateException if the saved state is for another seed or env count, or the replay does not reach
   *     the saved observations (the env is not deterministic)
   */
  public void restore(RunnerState state) {
    if (state.seed() != seed || state.envs().size() != envs.size()) {
      throw new IllegalStateException("saved env state is for seed " + state.seed() + " and " + state.envs().size()
          + " envs, this run has seed " + seed + " and " + envs.size() + " envs");
    }
    for (int i = 0; i < envs.size(); i++) {
      RunnerState.EnvState saved = state.envs().get(i);
      episodeIndex[i] = saved.episodeIndex();
      double[] observation = startEpisode(i);
      for (double[] action : saved.actions()) {
        Step<double[]> step = envs.get(i).step(toEnvAction(action));
        if (step.done()) {
          throw new IllegalStateException(envId() + " sub-env " + i + ": replaying the saved episode ended it early;"
              + " the env is not deterministic given its seed and actions, so this run cannot resume exactly");
        }
        episodeActions.get(i).add(action.clone());
        episodeReturn[i] += step.reward();
        episodeLength[i]++;
        observation = step.observation();
      }
      if (!Arrays.equals(observation, saved.observation())) {
        throw new IllegalStateException(envId() + " sub-env " + i + ": replaying the saved episode gave another"
            + " observation; the env is not deterministic given its seed and actions, so this run cannot resume"
            + " exactly");
      }
      observations[i] = observation;
    }
  }

  @Override
  public void close() {
    envs.forEach(Env::close);
  }
}
