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

  /** Bounds the given layer for inputs of {@code inputShape} ({@code [C, H, W]}). */
  public Conv2dOperator(Conv2d layer, Shape inputShape) {
    this.layer = layer;
    this.inputShape = inputShape;
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
   * The adjoint of the convolution, {@code conv_transpose2d}, which DJL's PyTorch engine lacks. Strided layers go
   * through patches: one matrix product gives every output position's contribution to its input patch, then the
   * patches, cut into stride-sized blocks, are overlap-added. Stride-1 layers are a full convolution with the kernel
   * flipped in space and transposed in channels. Neither multiplies by the zeros a dilated input would hold.
   */
  private NDArray transposedConvolution(NDArray rows) {
    return layer.strideH() == 1 && layer.strideW() == 1 ? fullConvolution(rows) : overlapAddPatches(rows);
  }

  private NDArray fullConvolution(NDArray rows) {
    Shape kernel = layer.weight().getShape();
    NDArray full = ai.djl.nn.convolutional.Conv2d.conv2d(rows, layer.weight().transpose(1, 0, 2, 3).flip(2, 3), null,
            new Shape(1, 1), new Shape(kernel.get(2) - 1, kernel.get(3) - 1), NO_DILATION, 1)
        .singletonOrThrow();
    return crop(full);
  }

  private NDArray overlapAddPatches(NDArray rows) {
    Shape shape = rows.getShape();
    long n = shape.get(0);
    long outChannels = shape.get(1);
    long height = shape.get(2);
    long width = shape.get(3);
    int sh = layer.strideH();
    int sw = layer.strideW();
    Shape kernel = layer.weight().getShape();
    long inChannels = kernel.get(1);
    // Kernels padded to whole strides: tap i = block·stride + offset.
    long blocksH = ceilDiv(kernel.get(2), sh);
    long blocksW = ceilDiv(kernel.get(3), sw);
    // Columns ordered (block row, block column, channel, offset row, offset column): each block is one slice.
    NDArray weight = layer.weight()
        .pad(new Shape(0, blocksW * sw - kernel.get(3), 0, blocksH * sh - kernel.get(2)), 0)
        .reshape(outChannels, inChannels, blocksH, sh, blocksW, sw)
        .transpose(0, 2, 4, 1, 3, 5)
        .reshape(outChannels, -1);
    NDArray patches = rows.transpose(0, 2, 3, 1).reshape(-1, outChannels).matMul(weight)
        .reshape(n, height, width, blocksH * blocksW, inChannels * sh * sw);
    NDArray sum = null;
    for (int a = 0; a < blocksH; a++) {
      for (int b = 0; b < blocksW; b++) {
        // Block (a, b) of the patch at output position (y, x) lands on input block (y + a, x + b).
        NDArray block = patches.get(":, :, :, " + (a * blocksW + b))
            .pad(new Shape(0, 0, b, blocksW - 1 - b, a, blocksH - 1 - a), 0);
        sum = sum == null ? block : sum.add(block);
      }
    }
    long gridH = height + blocksH - 1;
    long gridW = width + blocksW - 1;
    return crop(sum.reshape(n, gridH, gridW, inChannels, sh, sw).transpose(0, 3, 1, 4, 2, 5)
        .reshape(n, inChannels, gridH * sh, gridW * sw));
  }

  /** Input row y sits at row {@code y + padding} of the adjoint's output; rows past its reach are zero. */
  private NDArray crop(NDArray adjoint) {
    Shape shape = adjoint.getShape();
    long keptHeight = Math.min(inputShape.get(1), shape.get(2) - layer.padH());
    long keptWidth = Math.min(inputShape.get(2), shape.get(3) - layer.padW());
    NDArray kept = adjoint.get(":, :, " + layer.padH() + ":" + (layer.padH() + keptHeight) + ", "
        + layer.padW() + ":" + (layer.padW() + keptWidth));
    long missingHeight = inputShape.get(1) - keptHeight;
    long missingWidth = inputShape.get(2) - keptWidth;
    return missingHeight == 0 && missingWidth == 0 ? kept : kept.pad(new Shape(0, missingWidth, 0, missingHeight), 0);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
