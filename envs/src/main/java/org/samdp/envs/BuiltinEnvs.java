package org.samdp.envs;

/** The environments samdp ships, registered when {@link EnvRegistry} is first used. */
final class BuiltinEnvs {
  private BuiltinEnvs() {}

  static void registerAll() {
    org.samdp.envs.classic.ClassicControl.register();
  }
}
