package org.samdp.agents.rollout;

import java.util.function.UnaryOperator;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.spaces.Box;
import org.samdp.envs.wrappers.ClipAction;

/**
 * Where an episode loop's envs come from: a factory given the sub-env index. Trainers and evaluations are handed a
 * source, not an id, so that they can run on a wrapped env (the adversary's MDP, an env whose observations an
 * adversary perturbs); the command line still names envs by id ({@link #registered}).
 */
@FunctionalInterface
public interface EnvSource {

  /** A new env for sub-env {@code index}; the loop closes it. */
  Env<?, ?> make(int index);

  /**
   * The registered env {@code id} (local or remote), with {@link ClipAction} around a Box action space so that
   * unbounded policy outputs are clipped into it.
   *
   * @throws IllegalArgumentException (from {@link #make}) for an unknown id
   */
  static EnvSource registered(String id) {
    return index -> clipped(EnvRegistry.make(id));
  }

  /** The same envs, each wrapped by {@code wrapper}. */
  default EnvSource map(UnaryOperator<Env<?, ?>> wrapper) {
    return index -> wrapper.apply(make(index));
  }

  @SuppressWarnings("unchecked")
  private static Env<?, ?> clipped(Env<?, ?> env) {
    if (env.actionSpace() instanceof Box && env.observationSpace() instanceof Box) {
      return new ClipAction<>((Env<double[], double[]>) env);
    }
    return env;
  }
}
