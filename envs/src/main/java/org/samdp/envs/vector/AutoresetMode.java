package org.samdp.envs.vector;

/** When a sub-environment whose episode ended is reset (Gymnasium 1.x {@code AutoresetMode}). */
public enum AutoresetMode {
  /**
   * Gymnasium's default. The step on which sub-env i ends returns its real terminal observation, reward and flags; on
   * the <em>next</em> step sub-env i is reset instead of stepped (its action is ignored) and returns the reset
   * observation with reward 0, both flags false and the reset info. Rollout code must drop that boundary transition.
   */
  NEXT_STEP,
  /**
   * The Gymnasium 0.26–0.29 behaviour: a sub-env that ends is reset inside the same step; the returned observation is
   * already the first of the new episode, and the terminal observation and info are in
   * {@code info["final_obs"]} and {@code info["final_info"]}.
   */
  SAME_STEP,
  /** No automatic reset: the caller resets ended sub-envs with {@link SyncVectorEnv#reset(boolean[])}. */
  DISABLED
}
