package org.samdp.bounds.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
   * The adjoint of the convolution, {@code conv_transpose2d}, which DJL's PyTorch engine lacks, in polyphase form: for
   * each of the {@code sh·sw} output phases {@code (y mod s, x mod s)} only the kernel taps {@code i ≡ phase (mod s)}
   * contribute, so each phase is a stride-1 full convolution with that sub-kernel (flipped in space, transposed in
   * channels); the phases are then interleaved and cropped by the padding. No multiply touches an inserted zero.
   */
  private NDArray transposedConvolution(NDArray rows) {
    Shape shape = rows.getShape();
    long n = shape.get(0);
    long height = shape.get(2);
    long width = shape.get(3);
    int sh = layer.strideH();
    int sw = layer.strideW();
    Shape kernel = layer.weight().getShape();
    long tapsH = ceilDiv(kernel.get(2), sh);
    long tapsW = ceilDiv(kernel.get(3), sw);
    long phaseHeight = height + tapsH - 1;
    long phaseWidth = width + tapsW - 1;
    NDList phases = new NDList();
    for (int ry = 0; ry < sh; ry++) {
      for (int rx = 0; rx < sw; rx++) {
        long th = ceilDiv(kernel.get(2) - ry, sh);
        long tw = ceilDiv(kernel.get(3) - rx, sw);
        if (th <= 0 || tw <= 0) {
          // A kernel smaller than its stride leaves this phase without taps.
          phases.add(rows.getManager().zeros(new Shape(n, inputShape.get(0), phaseHeight, phaseWidth),
              rows.getDataType()));
          continue;
        }
        NDArray taps = layer.weight().get(":, :, " + ry + "::" + sh + ", " + rx + "::" + sw);
        NDArray full = ai.djl.nn.convolutional.Conv2d.conv2d(rows, taps.transpose(1, 0, 2, 3).flip(2, 3), null,
                new Shape(1, 1), new Shape(th - 1, tw - 1), NO_DILATION, 1)
            .singletonOrThrow();
        // Phases with fewer taps are shorter; their missing tail receives no contribution.
        phases.add(full.pad(new Shape(0, phaseWidth - (width + tw - 1), 0, phaseHeight - (height + th - 1)), 0));
      }
    }
    long channels = inputShape.get(0);
    NDArray interleaved = NDArrays.stack(phases)
        .reshape(sh, sw, n, channels, phaseHeight, phaseWidth)
        .transpose(2, 3, 4, 0, 5, 1)
        .reshape(n, channels, phaseHeight * sh, phaseWidth * sw);
    // Output row y' = y + padding: keep rows [padding, padding + H); rows past the phases' reach are zero.
    long keptHeight = Math.min(inputShape.get(1), phaseHeight * sh - layer.padH());
    long keptWidth = Math.min(inputShape.get(2), phaseWidth * sw - layer.padW());
    NDArray kept = interleaved.get(":, :, " + layer.padH() + ":" + (layer.padH() + keptHeight) + ", "
        + layer.padW() + ":" + (layer.padW() + keptWidth));
    long missingHeight = inputShape.get(1) - keptHeight;
    long missingWidth = inputShape.get(2) - keptWidth;
    return missingHeight == 0 && missingWidth == 0 ? kept : kept.pad(new Shape(0, missingWidth, 0, missingHeight), 0);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
