package org.samdp.envs.mujoco;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.Step;

/**
 * How fast a MuJoCo env steps compared with the physics under it. The env runs with random actions (resetting when an
 * episode ends) while every action and every reset state is recorded; then the same model replays that exact
 * trajectory with nothing but {@code mj_step} ({@code frameSkip} times per env step) and, at the recorded resets,
 * {@code mj_resetData} and {@code mj_forward}. The ratio of the two rates is the env's efficiency: what is left over
 * is observation, reward and bookkeeping cost. Rounds alternate env and raw, and the best of each is kept, which
 * filters out other load on the machine.
 */
public final class MuJoCoBench {

  /** Rates in env steps per second; {@code raw} counts {@code frameSkip} physics steps as one env step. */
  public record Result(String id, int steps, int frameSkip, double envStepsPerSecond, double rawStepsPerSecond) {
    /** The env's rate as a fraction of the raw physics rate. */
    public double ratio() {
      return envStepsPerSecond / rawStepsPerSecond;
    }
  }

  /** What the env did, for the raw replay: the actions, and the state set by each reset. */
  private static final class Trajectory {
    final double[][] actions;
    /** Index of the env step after which the env was reset, in order, with the state the reset set. */
    final List<Integer> resetAfter = new ArrayList<>();
    final List<double[][]> resetStates = new ArrayList<>();
    double[][] start;

    Trajectory(int steps) {
      actions = new double[steps][];
    }

    void clear() {
      resetAfter.clear();
      resetStates.clear();
    }
  }

  private MuJoCoBench() {}

  /** True if {@code id} is one of the MuJoCo envs. */
  public static boolean isMuJoCo(String id) {
    try (Env<?, ?> env = EnvRegistry.make(id)) {
      return env.unwrapped() instanceof MuJoCoEnv;
    }
  }

  /**
   * Times {@code steps} env steps and their raw replay, {@code rounds} times each after one warm-up round.
   *
   * @param seed seeds the env's resets and the action sampling
   */
  public static Result run(String id, int steps, long seed, int rounds) {
    if (steps <= 0 || rounds <= 0) {
      throw new IllegalArgumentException("steps and rounds must be positive, got " + steps + " and " + rounds);
    }
    try (Env<double[], double[]> env = EnvRegistry.makeContinuous(id)) {
      MuJoCoEnv mujoco = (MuJoCoEnv) env.unwrapped();
      Trajectory trajectory = new Trajectory(steps);
      double bestEnv = 0;
      double bestRaw = 0;
      for (int round = 0; round <= rounds; round++) {
        double envRate = steps / timeEnv(env, mujoco, seed, trajectory);
        double rawRate = steps / timeRaw(mujoco, trajectory);
        if (round > 0) { // round 0 warms up the JIT
          bestEnv = Math.max(bestEnv, envRate);
          bestRaw = Math.max(bestRaw, rawRate);
        }
      }
      return new Result(id, steps, mujoco.frameSkip(), bestEnv, bestRaw);
    }
  }

  /**
   * Gymnasium's rate for the same id (its {@code gym.make} env, random actions), or empty if the Python peer is not
   * installed.
   */
  public static OptionalDouble gymnasiumStepsPerSecond(String id, int steps, long seed) {
    if (!GymnasiumPeer.isAvailable()) {
      return OptionalDouble.empty();
    }
    try (GymnasiumPeer peer = GymnasiumPeer.start()) {
      return OptionalDouble.of(
          peer.call("bench", Map.of("id", id, "steps", steps, "seed", seed)).get("steps_per_second").asDouble());
    }
  }

  private static double timeEnv(Env<double[], double[]> env, MuJoCoEnv mujoco, long seed, Trajectory trajectory) {
    env.actionSpace().seed(seed);
    env.reset(seed, Map.of());
    trajectory.start = new double[][] {mujoco.qpos(), mujoco.qvel()};
    trajectory.clear();
    long start = System.nanoTime();
    for (int i = 0; i < trajectory.actions.length; i++) {
      double[] action = env.actionSpace().sample();
      trajectory.actions[i] = action;
      Step<double[]> step = env.step(action);
      if (step.done()) {
        env.reset();
        trajectory.resetAfter.add(i);
        trajectory.resetStates.add(new double[][] {mujoco.qpos(), mujoco.qvel()});
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double timeRaw(MuJoCoEnv mujoco, Trajectory trajectory) {
    int frameSkip = mujoco.frameSkip();
    try (MjData data = mujoco.model().makeData()) {
      setState(data, trajectory.start);
      int nextReset = 0;
      int resetAt = trajectory.resetAfter.isEmpty() ? -1 : trajectory.resetAfter.get(0);
      long start = System.nanoTime();
      for (int i = 0; i < trajectory.actions.length; i++) {
        data.ctrl.put(0, trajectory.actions[i]);
        for (int k = 0; k < frameSkip; k++) {
          data.step();
        }
        if (i == resetAt) {
          setState(data, trajectory.resetStates.get(nextReset++));
          resetAt = nextReset < trajectory.resetAfter.size() ? trajectory.resetAfter.get(nextReset) : -1;
        }
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static void setState(MjData data, double[][] state) {
    data.reset();
    data.setQpos(state[0]);
    data.setQvel(state[1]);
    data.forward();
  }
}
