package org.samdp.agents.nn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * One layer of a {@link NetworkSpec}, as plain values so that a checkpoint can record the architecture.
 *
 * @param type {@code linear}, {@code conv2d}, {@code tanh}, {@code relu}, {@code flatten}, {@code dueling}, or a
 *     recurrent cell in PyTorch's layout, {@code lstm} or {@code gru}
 * @param size output features (linear), output channels (conv2d), hidden width of each branch (dueling), hidden
 *     size (lstm, gru), else 0
 * @param kernel square kernel size (conv2d), else 0
 * @param stride stride (conv2d), else 0
 * @param padding zero padding (conv2d), else 0
 * @param actions outputs of the advantage branch (dueling), else 0
 * @param gain orthogonal initialisation with this gain and zero bias; null for PyTorch's default uniform init (the
 *     only initialisation of a recurrent cell)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record LayerSpec(String type, long size, int kernel, int stride, int padding, long actions, Double gain) {
  private static final List<String> TYPES = List.of("linear", "conv2d", "tanh", "relu", "flatten", "dueling", "lstm",
      "gru");

  /** Checks the type and the sizes it needs. */
  public LayerSpec {
    type = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown layer type '" + type + "', expected one of " + TYPES);
    }
    boolean sized = type.equals("linear") || type.equals("conv2d") || type.equals("dueling") || isRecurrent(type);
    if (sized && size <= 0) {
      throw new IllegalArgumentException(type + " layer needs a positive size, got " + size);
    }
    if (type.equals("conv2d") && (kernel <= 0 || stride <= 0 || padding < 0)) {
      throw new IllegalArgumentException("conv2d layer needs kernel > 0, stride > 0, padding >= 0, got kernel "
          + kernel + ", stride " + stride + ", padding " + padding);
    }
    if (type.equals("dueling") && actions <= 0) {
      throw new IllegalArgumentException("dueling head needs a positive number of actions, got " + actions);
    }
    if (gain != null && isRecurrent(type)) {
      throw new IllegalArgumentException(type + " cells take PyTorch's default initialisation, not a gain");
    }
    if (gain != null && !(gain > 0)) {
      throw new IllegalArgumentException("initialisation gain must be positive, got " + gain);
    }
  }

  /** True for a recurrent cell ({@code lstm}, {@code gru}). */
  @JsonIgnore
  public boolean isRecurrent() {
    return isRecurrent(type);
  }

  private static boolean isRecurrent(String type) {
    return type.equals("lstm") || type.equals("gru");
  }

  /** A recurrent cell, {@code lstm} or {@code gru}, of {@code hidden} units with PyTorch's default initialisation. */
  public static LayerSpec cell(String type, long hidden) {
    LayerSpec cell = new LayerSpec(type, hidden, 0, 0, 0, 0, null);
    if (!cell.isRecurrent()) {
      throw new IllegalArgumentException("a recurrent cell is lstm or gru, got '" + type + "'");
    }
    return cell;
  }

  /** A linear layer with orthogonal weights of the given gain and zero bias. */
  public static LayerSpec linear(long size, double gain) {
    return new LayerSpec("linear", size, 0, 0, 0, 0, gain);
  }

  /** A linear layer with PyTorch's default initialisation. */
  public static LayerSpec linear(long size) {
    return new LayerSpec("linear", size, 0, 0, 0, 0, null);
  }

  /** A square-kernel convolution with orthogonal weights of the given gain (null: PyTorch's default). */
  public static LayerSpec conv2d(long channels, int kernel, int stride, int padding, Double gain) {
    return new LayerSpec("conv2d", channels, kernel, stride, padding, 0, gain);
  }

  /** A parameter-free layer: {@code tanh}, {@code relu} or {@code flatten}. */
  public static LayerSpec of(String type) {
    return new LayerSpec(type, 0, 0, 0, 0, 0, null);
  }

  /** A dueling Q head whose branches are {@code linear(hidden) -> relu -> linear}, PyTorch-default initialised. */
  public static LayerSpec dueling(long hidden, long actions) {
    return new LayerSpec("dueling", hidden, 0, 0, 0, actions, null);
  }
}
