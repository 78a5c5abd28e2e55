package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A dueling Q head: two branches read the same input, {@code Q = V + A - mean(A)} with a one-output value branch
 * {@code V} and an advantage branch {@code A} with one output per action.
 *
 * @param value layers mapping the input to {@code [1]}
 * @param advantage layers mapping the input to {@code [actions]}
 */
public record Dueling(List<Layer> value, List<Layer> advantage) implements Layer {

  /** Copies the branch lists. */
  public Dueling {
    value = List.copyOf(value);
    advantage = List.copyOf(advantage);
  }

  @Override
  public String type() {
    return "dueling";
  }

  @Override
  public NDArray forward(NDArray input) {
    NDArray v = Network.forward(value, input);
    NDArray a = Network.forward(advantage, input);
    return v.add(a.sub(a.mean(new int[] {1}, true)));
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    Shape v = Network.outputShape(value, inputShape, "value branch ");
    Shape a = Network.outputShape(advantage, inputShape, "advantage branch ");
    if (!v.equals(new Shape(1)) || a.dimension() != 1) {
      throw new IllegalArgumentException("needs a value branch with output [1] and an advantage branch with output"
          + " [actions], got " + v + " and " + a);
    }
    return a;
  }

  @Override
  public List<NDArray> parameters() {
    List<NDArray> all = new ArrayList<>();
    value.forEach(layer -> all.addAll(layer.parameters()));
    advantage.forEach(layer -> all.addAll(layer.parameters()));
    return all;
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Dueling(
        value.stream().map(layer -> layer.mapParameters(mapping)).toList(),
        advantage.stream().map(layer -> layer.mapParameters(mapping)).toList());
  }
}
