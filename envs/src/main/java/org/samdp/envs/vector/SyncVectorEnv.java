package org.samdp.envs.vector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.samdp.envs.Env;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.spaces.Space;

/**
 * Steps several copies of one environment one after another in the calling thread.
 *
 * <p>Seeding follows Gymnasium: {@code reset(seed)} gives sub-env i the seed {@code seed + i}; sub-envs reset by the
 * autoreset continue their own random streams. See {@link AutoresetMode} for what a step returns when an episode
 * ends.
 */
public final class SyncVectorEnv<O, A> implements AutoCloseable {
  /** Info key of the terminal observation under {@link AutoresetMode#SAME_STEP}. */
  public static final String FINAL_OBS = "final_obs";
  /** Info key of the terminal step's info under {@link AutoresetMode#SAME_STEP}. */
  public static final String FINAL_INFO = "final_info";

  private final List<Env<O, A>> envs;
  private final AutoresetMode mode;
  private final boolean[] needsReset;
  private boolean resetCalled;

  public SyncVectorEnv(List<Env<O, A>> envs, AutoresetMode mode) {
    if (envs.isEmpty()) {
      throw new IllegalArgumentException("a vector env needs at least one sub-env");
    }
    Space<O> observationSpace = envs.get(0).observationSpace();
    Space<A> actionSpace = envs.get(0).actionSpace();
    for (int i = 1; i < envs.size(); i++) {
      if (!envs.get(i).observationSpace().equals(observationSpace) || !envs.get(i).actionSpace().equals(actionSpace)) {
        throw new IllegalArgumentException("sub-env " + i + " has different spaces than sub-env 0: "
            + envs.get(i).observationSpace() + " / " + envs.get(i).actionSpace() + " vs " + observationSpace + " / "
            + actionSpace);
      }
    }
    this.envs = List.copyOf(envs);
    this.mode = mode;
    this.needsReset = new boolean[envs.size()];
  }

  /** {@code n} envs from one factory, with Gymnasium's default {@link AutoresetMode#NEXT_STEP}. */
  public static <O, A> SyncVectorEnv<O, A> of(int n, Supplier<Env<O, A>> factory) {
    if (n <= 0) {
      throw new IllegalArgumentException("number of envs must be positive, got " + n);
    }
    List<Env<O, A>> envs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      envs.add(factory.get());
    }
    return new SyncVectorEnv<>(envs, AutoresetMode.NEXT_STEP);
  }

  public int numEnvs() {
    return envs.size();
  }

  /** The observation space of one sub-env. */
  public Space<O> singleObservationSpace() {
    return envs.get(0).observationSpace();
  }

  /** The action space of one sub-env. */
  public Space<A> singleActionSpace() {
    return envs.get(0).actionSpace();
  }

  /** The sub-envs, for inspection (e.g. finding a wrapper); stepping them directly breaks autoreset bookkeeping. */
  public List<Env<O, A>> envs() {
    return envs;
  }

  /** Resets every sub-env; with a seed, sub-env i gets {@code seed + i}. */
  public List<Reset<O>> reset(Long seed) {
    List<Reset<O>> resets = new ArrayList<>();
    for (int i = 0; i < envs.size(); i++) {
      resets.add(envs.get(i).reset(seed == null ? null : seed + i, Map.of()));
      needsReset[i] = false;
    }
    resetCalled = true;
    return resets;
  }

  /**
   * Resets only the sub-envs whose mask entry is true (without seeding), for {@link AutoresetMode#DISABLED}; entries
   * of the others are null.
   */
  public List<Reset<O>> reset(boolean[] mask) {
    if (mask.length != envs.size()) {
      throw new IllegalArgumentException("reset mask has " + mask.length + " entries for " + envs.size() + " envs");
    }
    List<Reset<O>> resets = new ArrayList<>();
    for (int i = 0; i < envs.size(); i++) {
      resets.add(mask[i] ? envs.get(i).reset(null, Map.of()) : null);
      if (mask[i]) {
        needsReset[i] = false;
      }
    }
    return resets;
  }

  /** Steps every sub-env with its action (one per sub-env, in order). */
  public VectorStep<O> step(List<A> actions) {
    if (!resetCalled) {
      throw new IllegalStateException("call reset() on the vector env before step()");
    }
    if (actions.size() != envs.size()) {
      throw new IllegalArgumentException("got " + actions.size() + " actions for " + envs.size() + " envs");
    }
    int n = envs.size();
    List<O> observations = new ArrayList<>(n);
    double[] rewards = new double[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    List<Map<String, Object>> infos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Env<O, A> env = envs.get(i);
      if (needsReset[i]) {
        if (mode == AutoresetMode.DISABLED) {
          throw new IllegalStateException("sub-env " + i + " ended; reset it with reset(mask) before stepping");
        }
        Reset<O> reset = env.reset(null, Map.of());
        observations.add(reset.observation());
        infos.add(reset.info());
        needsReset[i] = false;
        continue;
      }
      Step<O> step = env.step(actions.get(i));
      rewards[i] = step.reward();
      terminated[i] = step.terminated();
      truncated[i] = step.truncated();
      if (step.done() && mode == AutoresetMode.SAME_STEP) {
        Reset<O> reset = env.reset(null, Map.of());
        Map<String, Object> info = new HashMap<>(reset.info());
        info.put(FINAL_OBS, step.observation());
        info.put(FINAL_INFO, step.info());
        observations.add(reset.observation());
        infos.add(info);
      } else {
        observations.add(step.observation());
        infos.add(step.info());
        needsReset[i] = step.done();
      }
    }
    return new VectorStep<>(observations, rewards, terminated, truncated, infos);
  }

  @Override
  public void close() {
    for (Env<O, A> env : envs) {
      env.close();
    }
  }
}
