package org.samdp.agents.ppo;

import java.util.ArrayList;
import java.util.List;

/**
 * One env's consecutive steps of a time-major rollout within one episode (§3.5: the rollout split at episode ends);
 * step t is the rollout's sample {@code (start + t)·numEnvs + env}.
 *
 * @param env the sub-env
 * @param start the rollout step it begins at (0: it continues from the state the rollout started with)
 * @param length its steps
 */
record Sequence(int env, int start, int length) {

  /** The rollout sample of step {@code t}. */
  int sample(int t, int numEnvs) {
    return (start + t) * numEnvs + env;
  }

  /** Every env's steps split after each episode end, env by env, in time order. */
  static List<Sequence> split(boolean[] episodeEnded, int numEnvs) {
    int steps = episodeEnded.length / numEnvs;
    List<Sequence> sequences = new ArrayList<>();
    for (int env = 0; env < numEnvs; env++) {
      int start = 0;
      for (int t = 0; t < steps; t++) {
        if (episodeEnded[t * numEnvs + env] || t == steps - 1) {
          sequences.add(new Sequence(env, start, t + 1 - start));
          start = t + 1;
        }
      }
    }
    return sequences;
  }
}
