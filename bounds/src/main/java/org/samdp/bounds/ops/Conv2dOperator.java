package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
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
   * The adjoint of the convolution, {@code conv_transpose2d}, which DJL's PyTorch engine lacks, as one stride-1
   * correlation (sub-pixel form). With the kernel zero-padded to whole strides, tap {@code i = s·b + r} (block b, phase
   * r), input pixel {@code s·q + r} gathers block b of the kernel from output position {@code q - b}: a full
   * correlation over block positions, one output channel per (input channel, phase row, phase column), whose channels
   * are then interleaved back into pixels. Unlike a convolution of the stride-dilated rows, it never multiplies by the
   * zeros between them.
   */
  private NDArray transposedConvolution(NDArray rows) {
    Shape kernel = layer.weight().getShape();
    long outChannels = kernel.get(0);
    long inChannels = kernel.get(1);
    int sh = layer.strideH();
    int sw = layer.strideW();
    long blocksH = ceilDiv(kernel.get(2), sh);
    long blocksW = ceilDiv(kernel.get(3), sw);
    // [in·sh·sw, out, blocksH, blocksW], blocks flipped: a correlation with the flipped kernel is the convolution.
    NDArray phaseKernels = layer.weight()
        .pad(new Shape(0, blocksW * sw - kernel.get(3), 0, blocksH * sh - kernel.get(2)), 0)
        .reshape(outChannels, inChannels, blocksH, sh, blocksW, sw)
        .flip(2, 4)
        .transpose(1, 3, 5, 0, 2, 4)
        .reshape(inChannels * sh * sw, outChannels, blocksH, blocksW);
    // Where gradients are recorded, patches and one matrix product rather than the engine's convolution: oneDNN's
    // float32 convolution kernels limited to AVX2 (as samdp runs them, see the launcher) gave NaN gradients through
    // this correlation on some CPUs (every weight's, for a 3x3 stride-1 MinAtar layer, at any batch). Without
    // gradients, the convolution, whose forward and backward together took a third to a fifth of the product's time
    // on the Atari CNN's layers.
    NDArray phases = JniUtils.isGradMode() ? fullCorrelationByProduct(rows, phaseKernels)
        : ai.djl.nn.convolutional.Conv2d.conv2d(rows, phaseKernels, null, new Shape(1, 1),
            new Shape(blocksH - 1, blocksW - 1), NO_DILATION, 1).singletonOrThrow();
    Shape shape = phases.getShape();
    long n = shape.get(0);
    long gridH = shape.get(2);
    long gridW = shape.get(3);
    return crop(phases.reshape(n, inChannels, sh, sw, gridH, gridW).transpose(0, 1, 4, 2, 5, 3)
        .reshape(n, inChannels, gridH * sh, gridW * sw));
  }

  /**
   * The stride-1 correlation of {@code rows} ({@code [n, c, h, w]}) with {@code kernels} ({@code [k, c, bh, bw]})
   * over rows zero-padded by {@code bh - 1, bw - 1} on every side, as the product of the kernels with the rows'
   * {@code bh·bw} shifted windows (im2col): {@code [n, k, h + bh - 1, w + bw - 1]}.
   */
  private static NDArray fullCorrelationByProduct(NDArray rows, NDArray kernels) {
    Shape shape = rows.getShape();
    long n = shape.get(0);
    long channels = shape.get(1);
    long blocksH = kernels.getShape().get(2);
    long blocksW = kernels.getShape().get(3);
    long gridH = shape.get(2) + blocksH - 1;
    long gridW = shape.get(3) + blocksW - 1;
    NDArray padded = rows.pad(new Shape(blocksW - 1, blocksW - 1, blocksH - 1, blocksH - 1), 0);
    NDList windows = new NDList();
    for (long b = 0; b < blocksH; b++) {
      for (long c = 0; c < blocksW; c++) {
        windows.add(padded.get(":, :, " + b + ":" + (b + gridH) + ", " + c + ":" + (c + gridW)));
      }
    }
    NDArray patches = NDArrays.stack(windows, 2).reshape(n, channels * blocksH * blocksW, gridH * gridW);
    long outputs = kernels.getShape().get(0);
    return kernels.reshape(outputs, -1).matMul(patches).reshape(n, outputs, gridH, gridW);
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
