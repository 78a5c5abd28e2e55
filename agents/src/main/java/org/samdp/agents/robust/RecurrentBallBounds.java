package org.samdp.agents.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.samdp.agents.nn.RecurrentNetwork;
import org.samdp.bounds.BoundSide;
import org.samdp.bounds.BoundedNetwork;
import org.samdp.bounds.Bounds;
import org.samdp.bounds.ops.Interval;
import org.samdp.bounds.perturbation.LpBall;
import org.samdp.bounds.perturbation.Norm;
import org.samdp.bounds.perturbation.Perturbation;
import org.samdp.bounds.perturbation.SequencesFromState;

/**
 * Bounds of a recurrent network's outputs at every step of training sequences, over every observation of the step's
 * chunk up to it lying in its own ℓ∞ ball: the convex SA-PPO regulariser's input sets for recurrent policies. Chunks
 * are the truncated backpropagation's ({@code truncation} steps); the state entering a chunk is the clean one, a
 * constant, as it is for the PPO loss.
 *
 * <p>One pass per sequence batch: the cell's state is carried through the chunk by IBP, one step at a time, giving a
 * box of every state the perturbed earlier steps can lead to; each step's output is then bounded over its own ball
 * from the box entering it ({@link SequencesFromState}), all steps at once, as {@code β·CROWN-IBP + (1 − β)·IBP}. The
 * cost is linear in the sequence length. The IBP part equals IBP of the whole chunk unrolled; the linear relaxation
 * reads the last step only, since a backward pass from every step through the chunk would cost time quadratic in its
 * length.
 */
public final class RecurrentBallBounds {
  private RecurrentBallBounds() {}

  /**
   * The bounds at every step, {@code [B·T, n]} in row-major order ({@code b·T + t}, as the policy's sequence
   * distributions), differentiable with respect to the network's parameters.
   *
   * @param network the live network
   * @param sequences normalized observations {@code [B, T, F]}
   * @param initial the state at each sequence's first step ({@code h}, and {@code c} for an LSTM, each {@code [B, H]})
   * @param truncation the chunk length: the state entering each chunk is the clean one
   * @param crownIbpWeight β in [0, 1]
   */
  public static Bounds everyStep(RecurrentNetwork network, NDArray sequences, List<NDArray> initial, int truncation,
      double eps, double crownIbpWeight) {
    Shape shape = sequences.getShape();
    long batch = shape.get(0);
    long steps = shape.get(1);
    BoundedNetwork oneStep = new BoundedNetwork(network.history(1));
    RecurrentNetwork constant = network.mapParameters(NDArray::stopGradient);
    List<NDArray> clean = initial.stream().map(NDArray::stopGradient).toList();
    List<Interval> box = null;
    List<NDList> lowerEntering = new ArrayList<>();
    List<NDList> upperEntering = new ArrayList<>();
    for (int part = 0; part < initial.size(); part++) {
      lowerEntering.add(new NDList());
      upperEntering.add(new NDList());
    }
    for (long t = 0; t < steps; t++) {
      NDArray step = sequences.get(":, {}:{}, :", t, t + 1);
      if (t % truncation == 0) {
        box = clean.stream().map(part -> new Interval(part, part)).toList();
      }
      for (int part = 0; part < box.size(); part++) {
        lowerEntering.get(part).add(box.get(part).lower());
        upperEntering.get(part).add(box.get(part).upper());
      }
      if (t + 1 < steps) {
        clean = constant.step(step.squeeze(1), clean).state();
        if ((t + 1) % truncation != 0) {
          box = oneStep.finalState(ball(step, box, eps));
        }
      }
    }
    List<Interval> entering = new ArrayList<>();
    for (int part = 0; part < initial.size(); part++) {
      entering.add(new Interval(NDArrays.stack(lowerEntering.get(part), 1).reshape(batch * steps, -1),
          NDArrays.stack(upperEntering.get(part), 1).reshape(batch * steps, -1)));
    }
    NDArray everyObservation = sequences.reshape(new Shape(batch * steps, 1).addAll(shape.slice(2)));
    return oneStep.mixed(ball(everyObservation, entering, eps), crownIbpWeight, null, BoundSide.BOTH);
  }

  /** One-step sequences {@code [N, 1, F]} in their ℓ∞ balls, read from a state in {@code state}. */
  private static Perturbation ball(NDArray oneStep, List<Interval> state, double eps) {
    return new SequencesFromState(LpBall.of(oneStep, Norm.INF, eps), state);
  }
}
