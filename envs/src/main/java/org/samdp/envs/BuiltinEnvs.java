package org.samdp.envs;

import org.samdp.envs.classic.ClassicControl;
import org.samdp.envs.minatar.MinAtarGames;
import org.samdp.envs.mujoco.MuJoCoEnvs;

/** The environments samdp ships, registered when {@link EnvRegistry} is first used. */
final class BuiltinEnvs {
  private BuiltinEnvs() {}

  static void registerAll() {
    ClassicControl.register();
    MuJoCoEnvs.register();
    MinAtarGames.register();
  }
}
