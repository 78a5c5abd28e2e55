package org.samdp.agents.threat;

import ai.djl.ndarray.NDArray;
import org.samdp.agents.policy.Policy;
import org.samdp.agents.policy.PolicyState;

/**
 * The seam every adversary on observations implements (§6.4), fixed attacks and learned adversaries alike: given the
 * victim, the victim's state and a batch of normalized observations s, it returns what the agent sees instead,
 * ŝ ∈ B(s). The environment keeps stepping from the true state; only the agent's view changes.
 *
 * <p>Gradient-based adversaries differentiate with respect to the observations only (through
 * {@link Policy#detached()}), each step in its own GradientCollector: call them while no other collector is open.
 */
public interface ObservationAdversary {

  /**
   * The perturbed observations.
   *
   * @param victim the policy under attack (its parameters are not changed)
   * @param victimState the victim's state before it acts on this batch ({@link PolicyState#NONE} for feed-forward
   *     policies); an adversary that queries a stateful victim must not advance it
   * @param states normalized observations {@code [B, ...shape]}
   * @param threat the set B(s) the perturbations must stay in
   * @return {@code [B, ...shape]} inside B(s), without gradient history, in the manager of {@code states}
   */
  NDArray perturb(Policy victim, PolicyState victimState, NDArray states, ThreatModel threat);

  /**
   * Told before {@link #perturb} when episodes start: {@code started[b]} is true where row b's episode begins with
   * this batch (a learned adversary resets its own state there). Does nothing by default.
   */
  default void onEpisodeStart(boolean[] started) {}

  /**
   * Told before {@link #onEpisodeStart} when the batch narrows (episodes ended and no new ones took their place):
   * {@code rows} are the rows of the previous batch whose episodes go on, in order (an adversary with a state of its
   * own keeps those rows). Does nothing by default.
   */
  default void onRowsKept(int[] rows) {}
}
