package org.samdp.envs.minatar;

import java.util.List;
import java.util.Map;
import org.samdp.envs.BaseEnv;
import org.samdp.envs.Kwargs;
import org.samdp.envs.Reset;
import org.samdp.envs.Step;
import org.samdp.envs.random.NumpyRandom;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.spaces.DType;
import org.samdp.envs.spaces.Discrete;

/**
 * What the five MinAtar games share (facts sheet D.1): a 10×10 grid with one 0/1 channel per kind of object; actions
 * {@code Discrete(n)} over the game's minimal action set or all six; sticky actions; and a terminal state that absorbs
 * (further steps give reward 0 and {@code terminated}). There is no truncation: only Freeway has a built-in limit, and
 * it terminates.
 *
 * <p>The observation is channel-first, {@code Box(0, 1, (C, 10, 10), uint8)}, so that a CNN reads it as it is: cell
 * (channel c, row y, column x) is at flat index {@code (c * 10 + y) * 10 + x}. MinAtar's {@code state()} holds the same
 * cell at {@code [y, x, c]}; ours is {@code np.transpose(state, (2, 0, 1))}. The dtype is uint8, as MinAtar's Gymnasium
 * wrapper declares.
 *
 * <p>Sticky actions: before each step, with the configured probability, the previously executed action is executed
 * instead of the chosen one; the executed action is then remembered. MinAtar starts the remembered action at no-op when
 * the game is built and keeps it across resets. Here a seeded reset also restarts it at no-op, so that
 * {@code reset(seed)} fixes the whole episode; an unseeded reset keeps it, as MinAtar does.
 */
public abstract class MinAtarEnv extends BaseEnv<double[], Integer> {
  /** Rows and columns of the grid. */
  public static final int SIZE = 10;

  private final int channels;
  private final List<Action> actionSet;
  private final double stickyActionProbability;
  private final boolean ramping;
  private final Box observationSpace;
  private final Discrete actionSpace;
  private Action lastAction = Action.NOOP;
  // The generator of the previous reset: a different one means this reset was seeded.
  private NumpyRandom episodeGenerator;
  private boolean terminal;

  MinAtarEnv(int channels, List<Action> minimalActionSet, MinAtarConfig config) {
    this.channels = channels;
    this.actionSet = config.minimalActionSet() ? List.copyOf(minimalActionSet) : List.of(Action.values());
    this.stickyActionProbability = config.stickyActionProbability();
    this.ramping = config.difficultyRamping();
    this.observationSpace = Box.uniform(0, 1, new int[] {channels, SIZE, SIZE}, DType.UINT8);
    this.actionSpace = new Discrete(actionSet.size());
  }

  @Override
  protected final Reset<double[]> resetEpisode(Map<String, Object> options) {
    Kwargs.of(spec().id(), options); // MinAtar games take no reset options: this refuses any
    if (npRandom() != episodeGenerator) {
      episodeGenerator = npRandom();
      lastAction = Action.NOOP;
    }
    terminal = false;
    startEpisode();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  protected final Step<double[]> stepEpisode(Integer action) {
    // MinAtar draws the sticky-action coin on every step, also after the end of the episode.
    if (npRandom().random() >= stickyActionProbability) {
      lastAction = actionSet.get(action);
    }
    int reward = terminal ? 0 : act(lastAction);
    return new Step<>(observation(), reward, terminal, false, Map.of());
  }

  /** Sets up the game's start state; the generator is ready. */
  abstract void startEpisode();

  /** Plays one step of a running episode with the executed action; returns the reward. */
  abstract int act(Action action);

  /** Draws the current state. */
  abstract void draw(Frame frame);

  /** Ends the episode at the end of this step. */
  final void terminate() {
    terminal = true;
  }

  final boolean ramping() {
    return ramping;
  }

  /** True with probability ½. */
  final boolean coinFlip() {
    return npRandom().random() < 0.5;
  }

  /** True with probability {@code p}. */
  final boolean chance(double p) {
    return npRandom().random() < p;
  }

  /** A uniform integer in [low, high). */
  final int randomInt(int low, int high) {
    return (int) npRandom().integers(low, high);
  }

  /** The action last executed, which a sticky step repeats. */
  final Action lastAction() {
    return lastAction;
  }

  static boolean onGrid(int x, int y) {
    return x >= 0 && x < SIZE && y >= 0 && y < SIZE;
  }

  private double[] observation() {
    Frame frame = new Frame(channels);
    draw(frame);
    return frame.cells();
  }

  /** The game action each action index stands for. */
  public final List<Action> actionSet() {
    return actionSet;
  }

  @Override
  public final Box observationSpace() {
    return observationSpace;
  }

  @Override
  public final Discrete actionSpace() {
    return actionSpace;
  }
}
