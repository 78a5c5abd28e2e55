package org.samdp.envs.mujoco;

import java.util.HashMap;
import java.util.Map;

/**
 * Compiled models shared by every open env of the same model file: the first env compiles it, later ones (the other
 * members of a vector env, say) reuse it, and the last one to close frees it. Each env still owns its own
 * {@link MjData}.
 */
final class SharedModels {
  private record Entry(MjModel model, int users) {}

  private static final Map<String, Entry> OPEN = new HashMap<>();

  private SharedModels() {}

  /** The compiled model of a resource beside {@link MjModel}, compiling it if no open env uses it yet. */
  static synchronized MjModel acquire(String resource) {
    Entry entry = OPEN.get(resource);
    if (entry == null) {
      entry = new Entry(MjModel.loadResource(resource), 0);
    }
    OPEN.put(resource, new Entry(entry.model(), entry.users() + 1));
    return entry.model();
  }

  /** Gives back a model from {@link #acquire}; frees it when no env uses it any more. */
  static synchronized void release(String resource) {
    Entry entry = OPEN.get(resource);
    if (entry == null) {
      return;
    }
    if (entry.users() <= 1) {
      OPEN.remove(resource);
      entry.model().close();
    } else {
      OPEN.put(resource, new Entry(entry.model(), entry.users() - 1));
    }
  }

  /** How many envs use the model of a resource now (for tests). */
  static synchronized int users(String resource) {
    Entry entry = OPEN.get(resource);
    return entry == null ? 0 : entry.users();
  }
}
