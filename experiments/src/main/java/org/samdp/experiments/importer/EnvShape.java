package org.samdp.experiments.importer;

import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.spaces.Box;

/**
 * What an imported agent must fit: the sizes of an env's observations and (continuous) actions.
 *
 * @param env the env id
 * @param observationSize values per observation
 * @param actionSize values per action
 */
public record EnvShape(String env, int observationSize, int actionSize) {
  /**
   * The shape of a registered env (made and closed to read its spaces).
   *
   * @throws IllegalArgumentException for an unknown env or one whose actions are not a Box
   */
  public static EnvShape of(String env) {
    try (Env<?, ?> made = EnvRegistry.make(env)) {
      if (!(made.actionSpace() instanceof Box actions)) {
        throw new IllegalArgumentException(env + " has discrete actions; the authors' agents act in continuous"
            + " (Box) action spaces");
      }
      return new EnvShape(env, made.observationSpace().flatSize(), actions.flatSize());
    }
  }

  /**
   * Checks that a network fits.
   *
   * @param what the network and the file, e.g. {@code hopper.model's policy}
   * @throws IllegalArgumentException naming the sizes and what to do
   */
  public void check(String what, int inputs, int outputs, int expectedOutputs) {
    if (inputs != observationSize || outputs != expectedOutputs) {
      throw new IllegalArgumentException(what + " takes " + inputs + " observation values and gives " + outputs
          + ", but " + env + " needs " + observationSize + " and " + expectedOutputs + "; pass the env it was trained"
          + " on with --env");
    }
  }
}
