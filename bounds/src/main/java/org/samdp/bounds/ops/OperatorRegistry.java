package org.samdp.bounds.ops;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.samdp.bounds.network.Conv2d;
import org.samdp.bounds.network.Flatten;
import org.samdp.bounds.network.Layer;
import org.samdp.bounds.network.LeakyRelu;
import org.samdp.bounds.network.Linear;
import org.samdp.bounds.network.Relu;
import org.samdp.bounds.network.Sigmoid;
import org.samdp.bounds.network.Tanh;

/**
 * The explicit map from layer types to bounded operators. Immutable: {@link #with} returns an extended copy.
 * Composite layers (a dueling head) are not operators; the bound engine expands them into their branches.
 */
public final class OperatorRegistry {

  /** Makes the bounded operator of one layer, given the layer's input shape (without batch). */
  @FunctionalInterface
  public interface Factory<L extends Layer> {
    /** The operator for {@code layer}. */
    BoundedOperator create(L layer, Shape inputShape);
  }

  private final Map<Class<? extends Layer>, Factory<? extends Layer>> factories;

  private OperatorRegistry(Map<Class<? extends Layer>, Factory<? extends Layer>> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** The operators of every built-in layer. */
  public static OperatorRegistry standard() {
    return new OperatorRegistry(Map.of())
        .with(Linear.class, (layer, in) -> new LinearOperator(layer))
        .with(Conv2d.class, Conv2dOperator::new)
        .with(Flatten.class, (layer, in) -> new FlattenOperator(in))
        .with(Relu.class, (layer, in) -> new ReluOperator())
        .with(LeakyRelu.class, (layer, in) -> new LeakyReluOperator(layer.slope()))
        .with(Tanh.class, (layer, in) -> new TanhOperator())
        .with(Sigmoid.class, (layer, in) -> new SigmoidOperator());
  }

  /** A copy that also (or instead) maps {@code type} with {@code factory}. */
  public <L extends Layer> OperatorRegistry with(Class<L> type, Factory<L> factory) {
    Map<Class<? extends Layer>, Factory<? extends Layer>> extended = new LinkedHashMap<>(factories);
    extended.put(type, factory);
    return new OperatorRegistry(extended);
  }

  /** The operator for {@code layer}, or empty if its type is not registered. */
  public Optional<BoundedOperator> create(Layer layer, Shape inputShape) {
    return Optional.ofNullable(factories.get(layer.getClass())).map(factory -> createWith(factory, layer, inputShape));
  }

  @SuppressWarnings("unchecked") // the map only pairs a class with a factory of that class
  private static <L extends Layer> BoundedOperator createWith(Factory<L> factory, Layer layer, Shape inputShape) {
    return factory.create((L) layer, inputShape);
  }
}
