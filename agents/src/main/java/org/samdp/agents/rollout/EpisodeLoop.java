package org.samdp.agents.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.samdp.agents.policy.Acting;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;
import org.samdp.agents.threat.ObservationAdversary;
import org.samdp.agents.threat.ThreatModel;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.Discrete;
import org.samdp.envs.spaces.Space;
import org.samdp.envs.wrappers.ClipAction;

/**
 * The one place where envs, policies and adversaries meet: it steps a set of envs side by side, resets each as its
 * episode ends, and between normalisation and acting threads the policy's state and an optional adversary that
 * changes what the agent sees (never the env's transition). Training rollouts, the clean evaluation and the
 * robustness evaluation all run on it.
 *
 * <p>One seed convention: episode {@code j} of stream {@code i} starts with
 * {@code reset(seed = }{@link #episodeSeed}{@code (seed, i, j))}. A training loop ({@link #continuing}) runs stream
 * {@code i} on sub-env {@code i} forever; an evaluation ({@link #episodes}) runs a fixed number of episodes of stream
 * 0, dealt in order to however many envs run side by side, so the same seed gives the same episodes whatever the
 * batching, with or without attack.
 *
 * <p>A training loop remembers the actions of every running episode: a saved {@link RunnerState} is restored by
 * replaying them, so a resumed run continues with bit-identical env states (for envs that are deterministic given
 * their seed and actions, which every registered env is; the restore checks it).
 *
 * <p>Observations must come from a Box space; actions are rows of doubles, one per running episode (a one-element row
 * holding the index for a Discrete space).
 */
public final class EpisodeLoop implements AutoCloseable {

  /** Chooses the agent's actions on what it sees. */
  @FunctionalInterface
  public interface Actor {
    /**
     * @param view the agent's normalized observations {@code [B, ...shape]}
     * @param state the policy's state before this step
     * @param episodeStart per row: does its episode begin with this observation
     */
    Acting act(NDArray view, PolicyState state, boolean[] episodeStart);
  }

  private final EnvSource source;
  private final List<Env<double[], Object>> envs;
  private final Space<?> actionSpace;
  private final long seed;
  /** Episodes to run in all, or −1 for a training loop that never stops. */
  private final int episodeBudget;
  private int nextEpisode;
  /** Per slot: its stream's episode counter (training), the episode's number (evaluation), or −1 when idle. */
  private final long[] episodeIndex;
  private final double[][] observations;
  private final double[] episodeReturn;
  private final int[] episodeLength;
  private final boolean[] episodeStart;
  private final List<List<double[]>> episodeActions;
  private ObservationAdversary adversary;
  private ThreatModel threat;
  /** The slots the adversary saw at its last step, or null before its first. */
  private int[] adversarySlots;
  private PolicyState policyState;
  private int[] stateSlots;
  /** Owns the kept policy state's arrays (created for stateful policies only); each step's state in a child. */
  private NDManager stateManager;
  private NDManager stateArrays;

  private EpisodeLoop(EnvSource source, int numEnvs, long seed, int episodeBudget) {
    if (numEnvs <= 0) {
      throw new IllegalArgumentException("number of envs must be positive, got " + numEnvs);
    }
    this.source = source;
    this.envs = new ArrayList<>();
    try {
      for (int i = 0; i < numEnvs; i++) {
        envs.add(checked(source.make(i)));
      }
    } catch (RuntimeException e) {
      envs.forEach(Env::close);
      throw e;
    }
    this.actionSpace = envs.get(0).actionSpace();
    this.seed = seed;
    this.episodeBudget = episodeBudget;
    this.episodeIndex = new long[numEnvs];
    this.observations = new double[numEnvs][];
    this.episodeReturn = new double[numEnvs];
    this.episodeLength = new int[numEnvs];
    this.episodeStart = new boolean[numEnvs];
    this.episodeActions = new ArrayList<>();
    for (int i = 0; i < numEnvs; i++) {
      episodeActions.add(new ArrayList<>());
      if (episodeBudget >= 0) {
        episodeIndex[i] = -1;
        deal(i);
      } else {
        startEpisode(i);
      }
    }
  }

  /**
   * A training loop: {@code numEnvs} envs from {@code source}, each running its stream's episodes for as long as it
   * is stepped.
   *
   * @throws IllegalArgumentException for an unknown env, a non-Box observation space or an unsupported action space
   */
  public static EpisodeLoop continuing(EnvSource source, int numEnvs, long seed) {
    return new EpisodeLoop(source, numEnvs, seed, -1);
  }

  /**
   * An evaluation: {@code episodes} episodes of stream 0, up to {@code parallel} side by side; it is {@link #done()}
   * when all have ended.
   */
  public static EpisodeLoop episodes(EnvSource source, int episodes, int parallel, long seed) {
    if (episodes <= 0) {
      throw new IllegalArgumentException("number of episodes must be positive, got " + episodes);
    }
    return new EpisodeLoop(source, Math.min(episodes, parallel), seed, episodes);
  }

  /** The seed episode {@code episode} of stream {@code stream} is reset with. */
  public static long episodeSeed(long seed, int stream, long episode) {
    return SplitMix64.hash(seed, stream, episode);
  }

  /**
   * Puts an adversary between normalisation and acting: the agent acts on its ŝ ∈ B(s) of {@code threat}.
   *
   * @param adversary the adversary, or null for none
   */
  public EpisodeLoop withAdversary(ObservationAdversary adversary, ThreatModel threat) {
    if (adversary != null && threat == null) {
      throw new IllegalArgumentException("an adversary needs a threat model");
    }
    this.adversary = adversary;
    this.threat = threat;
    this.adversarySlots = null;
    return this;
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

  /** Where the envs came from (evaluations during training make theirs from it too). */
  public EnvSource source() {
    return source;
  }

  /** The observation space of one sub-env. */
  public Space<?> observationSpace() {
    return envs.get(0).observationSpace();
  }

  /** The action space of one sub-env (for Box spaces, the unbounded space of the action clipping). */
  public Space<?> actionSpace() {
    return actionSpace;
  }

  /**
   * The Box a Box action ends up in before the env steps: the bounds of a {@link ClipAction} around the env, else the
   * action space itself (null for a Discrete space). A deterministic actor clips its exploration to it.
   */
  public Box actionBounds() {
    Object env = envs.get(0);
    if (env instanceof ClipAction<?> clip) {
      return clip.bounds();
    }
    return actionSpace instanceof Box box ? box : null;
  }

  /** The env id. */
  public String envId() {
    return envs.get(0).spec().id();
  }

  /** True when an evaluation's episodes have all ended (never for a training loop). */
  public boolean done() {
    return running().length == 0;
  }

  /** The slots whose episodes are running, in order. */
  private int[] running() {
    if (episodeBudget < 0) {
      return allSlots();
    }
    return IntStream.range(0, envs.size()).filter(i -> episodeIndex[i] >= 0).toArray();
  }

  private int[] allSlots() {
    int[] all = new int[envs.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /**
   * The number of every running episode of an evaluation, in row order ({@link Episode#index}: episode k of stream 0,
   * so each number names one episode of the evaluation).
   */
  public long[] runningEpisodes() {
    if (episodeBudget < 0) {
      throw new IllegalStateException("a training loop's episode numbers count per stream and do not name an episode");
    }
    return Arrays.stream(running()).mapToLong(i -> episodeIndex[i]).toArray();
  }

  /** The current raw observation of every running episode (for a training loop not copied: do not modify). */
  public double[][] observations() {
    if (episodeBudget < 0) {
      return observations;
    }
    return Arrays.stream(running()).mapToObj(i -> observations[i]).toArray(double[][]::new);
  }

  /**
   * One step with a policy: normalizes the running episodes' observations, lets the adversary (if any) choose what
   * the agent sees, lets {@code actor} act on that from the policy's state, and steps the envs from their true
   * states. The policy's state is kept between calls (rows of episodes that end start afresh, flagged by
   * episode-start); arrays of the returned transition belong to {@code scope}.
   */
  public Transition step(NDManager scope, Policy policy, Actor actor) {
    int[] slots = running();
    double[][] raw = Arrays.stream(slots).mapToObj(i -> observations[i]).toArray(double[][]::new);
    NDArray states = policy.normalize(scope, raw);
    boolean[] starts = new boolean[slots.length];
    for (int k = 0; k < slots.length; k++) {
      starts[k] = episodeStart[slots[k]];
    }
    PolicyState state = stateFor(policy, slots);
    if (policy.isStateful()) {
      // Episodes that start now start from the initial state, for the adversary's queries as for acting.
      state = state.restart(starts, policy.initialState(scope, slots.length));
    }
    NDArray view = states;
    if (adversary != null) {
      if (adversarySlots != null && !Arrays.equals(adversarySlots, slots)) {
        adversary.onRowsKept(rowsOf(adversarySlots, slots));
      }
      adversarySlots = slots;
      adversary.onEpisodeStart(starts);
      view = adversary.perturb(policy, state, states, threat);
    }
    Acting acting = actor.act(view, state, starts);
    StepResult result = step(rows(acting.actions(), slots.length));
    keep(acting.next(), slots);
    return new Transition(states, view, acting, result);
  }

  /** The policy's state for the running slots: fresh at first, narrowed to the episodes that go on. */
  private PolicyState stateFor(Policy policy, int[] slots) {
    if (policyState == null) {
      stateManager = NDManager.newBaseManager();
      keep(policy.initialState(stateManager.newSubManager(), slots.length), slots);
    } else if (!Arrays.equals(stateSlots, slots)) {
      keep(policyState.select(rowsOf(stateSlots, slots)), slots);
    }
    return policyState;
  }

  /** The rows of {@code previous} (sorted slots) that {@code slots} (a subset, as running slots only narrow) keep. */
  private static int[] rowsOf(int[] previous, int[] slots) {
    int[] rows = new int[slots.length];
    for (int k = 0; k < slots.length; k++) {
      rows[k] = Arrays.binarySearch(previous, slots[k]);
    }
    return rows;
  }

  /**
   * The policy's state for the running episodes after the last step ({@link PolicyState#NONE} before the first, or
   * for a feed-forward policy), for a checkpoint.
   */
  public PolicyState policyState() {
    return policyState == null ? PolicyState.NONE : policyState;
  }

  /**
   * Continues a training loop from a saved {@link #policyState()}, one row per sub-env; the loop takes the arrays
   * over.
   */
  public void restorePolicyState(PolicyState state) {
    requireTraining();
    if (stateManager == null) {
      stateManager = NDManager.newBaseManager();
    }
    keep(state, allSlots());
  }

  /** Keeps a state beyond the step's scope; the previous one's arrays are freed. */
  private void keep(PolicyState state, int[] slots) {
    stateSlots = slots;
    policyState = state;
    if (state.isEmpty()) {
      return;
    }
    NDManager owner = stateManager.newSubManager();
    state.attach(owner);
    if (stateArrays != null) {
      stateArrays.close();
    }
    stateArrays = owner;
  }

  /** Actions as rows of doubles: one index per row for discrete actions, the vector otherwise. */
  private static double[][] rows(NDArray actions, int batch) {
    double[] flat = flat(actions);
    int width = flat.length / batch;
    double[][] rows = new double[batch][];
    for (int b = 0; b < batch; b++) {
      rows[b] = Arrays.copyOfRange(flat, b * width, (b + 1) * width);
    }
    return rows;
  }

  /** The values as doubles, read in their own type (a conversion on the engine's side costs a call per step). */
  private static double[] flat(NDArray actions) {
    if (actions.getDataType() == DataType.FLOAT32) {
      float[] values = actions.toFloatArray();
      double[] flat = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        flat[i] = values[i];
      }
      return flat;
    }
    if (actions.getDataType() == DataType.INT64) {
      return Arrays.stream(actions.toLongArray()).asDoubleStream().toArray();
    }
    return actions.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * Steps every running episode's env with its action and starts a new episode where one ended.
   *
   * @param actions one row per running episode, in slot order
   */
  public StepResult step(double[][] actions) {
    int[] slots = running();
    int n = slots.length;
    if (actions.length != n) {
      throw new IllegalArgumentException("got " + actions.length + " actions for " + n + " running episodes");
    }
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    double[][] next = new double[n][];
    double[][] finalObservations = new double[n][];
    List<Episode> finished = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int i = slots[k];
      double[] action = actions[k].clone();
      Step<double[]> step = envs.get(i).step(toEnvAction(action));
      if (episodeBudget < 0) {
        episodeActions.get(i).add(action);
      }
      episodeReturn[i] += step.reward();
      episodeLength[i]++;
      rewards[k] = step.reward();
      terminated[k] = step.terminated();
      truncated[k] = step.truncated();
      episodeStart[i] = step.done();
      if (step.done()) {
        int stream = episodeBudget < 0 ? i : 0;
        finished.add(new Episode(i, episodeIndex[i], episodeSeed(seed, stream, episodeIndex[i]), episodeReturn[i],
            episodeLength[i]));
        finalObservations[k] = step.observation();
        observations[i] = step.observation();
        if (episodeBudget < 0) {
          episodeIndex[i]++;
          startEpisode(i);
        } else {
          deal(i);
        }
      } else {
        observations[i] = step.observation();
      }
      next[k] = observations[i];
    }
    return new StepResult(next, rewards, terminated, truncated, finalObservations, finished);
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

  /**
   * A training loop drops every running episode, unfinished and unreported, and starts the next one in each stream
   * (the papers' PPO resets its env at the start of every iteration).
   */
  public void restartEpisodes() {
    if (episodeBudget >= 0) {
      throw new IllegalStateException("only a training loop restarts its episodes; an evaluation runs each to its end");
    }
    for (int i = 0; i < envs.size(); i++) {
      episodeIndex[i]++;
      startEpisode(i);
    }
  }

  /** An evaluation slot takes the next episode, or goes idle when all are dealt. */
  private void deal(int i) {
    if (nextEpisode >= episodeBudget) {
      episodeIndex[i] = -1;
      return;
    }
    episodeIndex[i] = nextEpisode++;
    startEpisode(i);
  }

  private void startEpisode(int i) {
    episodeReturn[i] = 0;
    episodeLength[i] = 0;
    episodeStart[i] = true;
    episodeActions.get(i).clear();
    int stream = episodeBudget < 0 ? i : 0;
    Reset<double[]> reset = envs.get(i).reset(episodeSeed(seed, stream, episodeIndex[i]), Map.of());
    observations[i] = reset.observation();
  }

  /** The episode counters and running episodes' actions of a training loop, enough to {@link #restore} it exactly. */
  public RunnerState state() {
    requireTraining();
    List<RunnerState.EnvState> states = new ArrayList<>();
    for (int i = 0; i < envs.size(); i++) {
      states.add(new RunnerState.EnvState(episodeIndex[i], episodeActions.get(i).toArray(double[][]::new),
          observations[i].clone()));
    }
    return new RunnerState(seed, states);
  }

  /**
   * Replays the saved running episodes of a training loop.
   *
   * @throws IllegalStateException if the saved state is for another seed or env count, or the replay does not reach
   *     the saved observations (the env is not deterministic)
   */
  public void restore(RunnerState state) {
    requireTraining();
    if (state.seed() != seed || state.envs().size() != envs.size()) {
      throw new IllegalStateException("saved env state is for seed " + state.seed() + " and " + state.envs().size()
          + " envs, this run has seed " + seed + " and " + envs.size() + " envs");
    }
    for (int i = 0; i < envs.size(); i++) {
      RunnerState.EnvState saved = state.envs().get(i);
      episodeIndex[i] = saved.episodeIndex();
      startEpisode(i);
      double[] observation = observations[i];
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
      episodeStart[i] = saved.actions().length == 0;
    }
  }

  private void requireTraining() {
    if (episodeBudget >= 0) {
      throw new IllegalStateException("only a training loop saves and restores its episodes");
    }
  }

  @Override
  public void close() {
    envs.forEach(Env::close);
    if (stateManager != null) {
      stateManager.close();
    }
  }
}
