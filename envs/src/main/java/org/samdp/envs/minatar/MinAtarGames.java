package org.samdp.envs.minatar;

import java.util.function.Function;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;

/**
 * Registers the MinAtar ids as MinAtar's Gymnasium registration names them: {@code MinAtar/<Game>-v0} acts over all
 * six actions and {@code MinAtar/<Game>-v1} over the game's minimal action set. Neither has a time limit or a reward
 * threshold. Keyword arguments: {@code use_minimal_action_set}, {@code sticky_action_prob}, {@code difficulty_ramping}
 * (see {@link MinAtarConfig}).
 */
public final class MinAtarGames {
  private MinAtarGames() {}

  /** Registers Asterix, Breakout, Freeway, Seaquest and SpaceInvaders, each as -v0 and -v1. */
  public static void register() {
    register("Asterix", Asterix::new);
    register("Breakout", Breakout::new);
    register("Freeway", Freeway::new);
    register("Seaquest", Seaquest::new);
    register("SpaceInvaders", SpaceInvaders::new);
  }

  private static void register(String game, Function<MinAtarConfig, MinAtarEnv> constructor) {
    for (int version = 0; version <= 1; version++) {
      String id = "MinAtar/" + game + "-v" + version;
      boolean minimalActionSet = version == 1;
      EnvRegistry.register(new EnvSpec(id, 0, Double.NaN, false),
          kwargs -> constructor.apply(MinAtarConfig.fromKwargs(id, kwargs, minimalActionSet)));
    }
  }
}
