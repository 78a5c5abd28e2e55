package org.samdp.agents.config;

import java.util.Map;

/**
 * A configuration whose own settings leave some of its keys unused: an MLP's recurrent keys, plain PPO's regulariser,
 * SGLD's keys under a convex solver. Its resolved YAML leaves them out ({@link ConfigLoader#toYaml}), and a value
 * given for one of them is refused ({@link ConfigLoader#refuseUnused}) rather than silently ignored.
 */
public interface UnusedKeys {
  /**
   * The key paths this configuration does not use, each a section ({@code robust}) or one key ({@code ppo.hidden}),
   * with what would make it apply, e.g. {@code "only SA-PPO uses the regulariser: --algo sa-ppo"}.
   */
  Map<String, String> unusedKeys();

  /** The entry of {@code unused} that covers {@code path} (the path itself or a section above it), or null. */
  static Map.Entry<String, String> covering(Map<String, String> unused, String path) {
    for (Map.Entry<String, String> entry : unused.entrySet()) {
      if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + ".")) {
        return entry;
      }
    }
    return null;
  }
}
