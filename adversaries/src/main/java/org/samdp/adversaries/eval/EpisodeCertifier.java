package org.samdp.adversaries.eval;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.threat.ThreatModel;

/**
 * Certifies every step of episodes run side by side, step after step (one per evaluation run): a recurrent policy's
 * certificates cover each episode's whole history, which it remembers by the episodes' numbers.
 */
@FunctionalInterface
public interface EpisodeCertifier {

  /**
   * The certificates at the current step of each row's episode.
   *
   * @param states the true normalized observations {@code [B, ...shape]}
   * @param episodes the number of each row's episode: a number not given before starts an episode; an episode no
   *     longer given has ended
   * @param threat B(s) of every observation
   */
  Certificates certify(NDArray states, long[] episodes, ThreatModel threat);
}
