package org.samdp.envs.minatar;

import org.samdp.envs.Step;

/** Test helpers: play a game action by name and read cells of its channel-first observation. */
final class Play {
  /** MinAtar's settings without sticky actions: every step executes the chosen action. */
  static final MinAtarConfig EXACT = MinAtarConfig.defaults().withStickyActionProbability(0);

  private Play() {}

  static Step<double[]> step(MinAtarEnv env, Action action) {
    int index = env.actionSet().indexOf(action);
    if (index < 0) {
      throw new IllegalArgumentException(action + " is not in the action set " + env.actionSet());
    }
    return env.step(index);
  }

  /** Plays {@code action} {@code times} times and returns the last step. */
  static Step<double[]> repeat(MinAtarEnv env, Action action, int times) {
    Step<double[]> step = null;
    for (int i = 0; i < times; i++) {
      step = step(env, action);
    }
    return step;
  }

  /** True if cell (x, y) of {@code channel} is set. */
  static boolean on(double[] observation, int channel, int x, int y) {
    return observation[(channel * MinAtarEnv.SIZE + y) * MinAtarEnv.SIZE + x] == 1;
  }

  /** The number of set cells of {@code channel}. */
  static int count(double[] observation, int channel) {
    int cells = MinAtarEnv.SIZE * MinAtarEnv.SIZE;
    int count = 0;
    for (int i = channel * cells; i < (channel + 1) * cells; i++) {
      count += observation[i] == 1 ? 1 : 0;
    }
    return count;
  }
}
