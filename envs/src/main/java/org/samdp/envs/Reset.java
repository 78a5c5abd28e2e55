package org.samdp.envs;

import java.util.Map;

/** What {@link Env#reset} returns: the first observation of an episode and an info map. */
public record Reset<O>(O observation, Map<String, Object> info) {}
