package org.samdp.envs;

import java.util.Map;

/** What {@link Env#step} returns, in Gymnasium's order. */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

  /** True when the episode is over for either reason. */
  public boolean done() {
    return terminated || truncated;
  }
}
