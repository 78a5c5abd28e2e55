package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.samdp.bounds.network.Conv2d;

/**
 * Bounds of a 2-D convolution. Backward propagation is one transposed convolution of all bound rows at once: the
 * product with the convolution's matrix without ever materialising it.
 */
public final class Conv2dOperator implements BoundedOperator {
  private static final Shape NO_DILATION = new Shape(1, 1);
  private final Conv2d layer;
  private final Shape inputShape;
  private final Shape outputPadding;

  /** Bounds the given layer for inputs of {@code inputShape} ({@code [C, H, W]}). */
  public Conv2dOperator(Conv2d layer, Shape inputShape) {
    this.layer = layer;
    this.inputShape = inputShape;
    Shape kernel = layer.weight().getShape();
    // Rows/columns the forward stride skipped at the far edge: the transposed convolution must give them back.
    this.outputPadding = new Shape(
        (inputShape.get(1) + 2L * layer.padH() - kernel.get(2)) % layer.strideH(),
        (inputShape.get(2) + 2L * layer.padW() - kernel.get(3)) % layer.strideW());
  }

  @Override
  public Interval propagateInterval(List<Interval> inputs) {
    Interval in = inputs.get(0);
    NDArray mid = layer.forward(in.mid());
    NDArray radius = ai.djl.nn.convolutional.Conv2d.conv2d(
            in.radius(), layer.weight().abs(), null, layer.stride(), layer.padding(), NO_DILATION, 1)
        .singletonOrThrow();
    return new Interval(mid.sub(radius), mid.add(radius));
  }

  @Override
  public BackwardStep propagateBackward(NDArray coefficients, List<Interval> inputBounds) {
    Shape shape = coefficients.getShape();
    long batch = shape.get(0);
    long rows = shape.get(1);
    NDArray perRow = coefficients.reshape(new Shape(batch * rows).addAll(shape.slice(2)));
    NDArray input = transposedConvolution(perRow).reshape(new Shape(batch, rows).addAll(inputShape));
    NDArray bias = coefficients.sum(new int[] {3, 4}).matMul(layer.bias());
    return new BackwardStep(List.of(input), bias);
  }

  /**
   * The adjoint of the convolution, {@code conv_transpose2d}, which DJL's PyTorch engine lacks: spread the rows out by
   * the stride (zeros in between), pad so that every kernel position is seen, and convolve with the kernel flipped in
   * space and transposed in channels.
   */
  private NDArray transposedConvolution(NDArray rows) {
    Shape shape = rows.getShape();
    long n = shape.get(0);
    long channels = shape.get(1);
    long height = shape.get(2);
    long width = shape.get(3);
    int sh = layer.strideH();
    int sw = layer.strideW();
    NDArray spread = rows;
    if (sh > 1 || sw > 1) {
      spread = rows.reshape(n, channels, height, 1, width, 1)
          .pad(new Shape(0, sw - 1, 0, 0, 0, sh - 1), 0)
          .reshape(n, channels, height * sh, width * sw);
    }
    Shape kernel = layer.weight().getShape();
    long kh = kernel.get(2);
    long kw = kernel.get(3);
    long top = kh - 1 - layer.padH();
    long left = kw - 1 - layer.padW();
    // The spread array already ends with stride-1 zero rows/columns, hence the shorter bottom/right padding.
    long bottom = top + outputPadding.get(0) - (sh - 1);
    long right = left + outputPadding.get(1) - (sw - 1);
    NDArray padded = spread.pad(new Shape(left, right, top, bottom), 0);
    NDArray adjointKernel = layer.weight().transpose(1, 0, 2, 3).flip(2, 3);
    return ai.djl.nn.convolutional.Conv2d.conv2d(padded, adjointKernel, null, new Shape(1, 1), new Shape(0, 0),
            NO_DILATION, 1)
        .singletonOrThrow();
  }
}
