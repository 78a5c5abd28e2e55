package org.samdp.envs.minatar;

import java.util.Map;
import org.samdp.envs.Kwargs;

/**
 * The settings every MinAtar game takes, with MinAtar's keyword names in {@code make(id, kwargs)}.
 *
 * @param minimalActionSet {@code use_minimal_action_set}: act over the game's minimal action set (ids {@code -v1})
 *     rather than all six actions (ids {@code -v0})
 * @param stickyActionProbability {@code sticky_action_prob}: the chance that a step repeats the previously executed
 *     action instead of the chosen one, in [0, 1]
 * @param difficultyRamping {@code difficulty_ramping}: whether Asterix, Seaquest and Space Invaders speed up as the
 *     episode goes on
 */
public record MinAtarConfig(boolean minimalActionSet, double stickyActionProbability, boolean difficultyRamping) {

  /** MinAtar's default chance of a sticky action. */
  public static final double DEFAULT_STICKY_ACTION_PROBABILITY = 0.1;

  public MinAtarConfig {
    if (!(stickyActionProbability >= 0 && stickyActionProbability <= 1)) {
      throw new IllegalArgumentException(
          "sticky_action_prob must be a probability in [0, 1], got " + stickyActionProbability);
    }
  }

  /** MinAtar's defaults: minimal action set, sticky actions with probability 0.1, difficulty ramping on. */
  public static MinAtarConfig defaults() {
    return new MinAtarConfig(true, DEFAULT_STICKY_ACTION_PROBABILITY, true);
  }

  /** This config with another sticky-action probability (0 executes every chosen action). */
  public MinAtarConfig withStickyActionProbability(double probability) {
    return new MinAtarConfig(minimalActionSet, probability, difficultyRamping);
  }

  /** Reads {@code make}'s keyword arguments; unknown keys are refused. */
  static MinAtarConfig fromKwargs(String id, Map<String, Object> kwargs, boolean minimalByDefault) {
    Kwargs args = Kwargs.of(id, kwargs, "use_minimal_action_set", "sticky_action_prob", "difficulty_ramping");
    return new MinAtarConfig(args.getBoolean("use_minimal_action_set", minimalByDefault),
        args.getDouble("sticky_action_prob", DEFAULT_STICKY_ACTION_PROBABILITY),
        args.getBoolean("difficulty_ramping", true));
  }
}
