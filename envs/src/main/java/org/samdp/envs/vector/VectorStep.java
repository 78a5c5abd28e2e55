package org.samdp.envs.vector;

import java.util.List;
import java.util.Map;

/**
 * One step of a vector env: per sub-env observation, reward, flags and info (a list of per-env info maps rather than
 * Gymnasium's dict of masked arrays).
 */
public record VectorStep<O>(List<O> observations, double[] rewards, boolean[] terminated, boolean[] truncated,
    List<Map<String, Object>> infos) {

  /** True if sub-env i's episode ended on this step. */
  public boolean done(int i) {
    return terminated[i] || truncated[i];
  }
}
