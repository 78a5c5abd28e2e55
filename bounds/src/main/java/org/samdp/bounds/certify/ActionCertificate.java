package org.samdp.bounds.certify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.samdp.bounds.BoundMethod;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.perturbation.Perturbation;

/**
 * Whether a Q-network's greedy action at each state stays greedy over the whole input set: certified when the lower
 * bound of {@code Q(a*) - Q(a)} is positive for every {@code a ≠ a*}.
 *
 * @param greedyActions {@code a*} at each centre
 * @param marginLower lower bounds of {@code Q(a*) - Q(a)} for the other actions in increasing order, {@code [B][n-1]}
 * @param marginUpper upper bounds of the same margins
 * @param certified whether each greedy action is certified
 */
public record ActionCertificate(int[] greedyActions, double[][] marginLower, double[][] marginUpper,
    boolean[] certified) {

  /**
   * Certifies the greedy actions of {@code qNetwork} at the centres of {@code states}.
   *
   * @param method the bound method (CROWN or α-CROWN for tight certificates)
   */
  public static ActionCertificate certify(BoundedNetwork qNetwork, Perturbation states, BoundMethod method) {
    return certify(qNetwork, states, qNetwork.network().forward(states.center()).argMax(1), method);
  }

  /**
   * Certifies given actions: whether each stays the arg-max over its input set (for input sets whose centre's output
   * is not the network's output at the centre, e.g. a recurrent window read from a state box).
   *
   * @param greedy the action at each input set, {@code [B]} (integers)
   */
  public static ActionCertificate certify(BoundedNetwork qNetwork, Perturbation states, NDArray greedy,
      BoundMethod method) {
    long actions = qNetwork.network().outputShape().size();
    NDArray spec = Margins.against(greedy, actions, states.center().getDataType());
    Bounds margins = qNetwork.compute(states, method, spec, BoundSide.BOTH);
    double[][] lower = margins.lowerMatrix();
    boolean[] certified = new boolean[lower.length];
    for (int b = 0; b < lower.length; b++) {
      certified[b] = true;
      for (double margin : lower[b]) {
        certified[b] &= margin > 0;
      }
    }
    int[] chosen = greedy.toType(DataType.INT32, false).toIntArray();
    return new ActionCertificate(chosen, lower, margins.upperMatrix(), certified);
  }
}
