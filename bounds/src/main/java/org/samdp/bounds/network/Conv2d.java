package org.samdp.bounds.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A 2-D convolution (PyTorch {@code Conv2d}: cross-correlation, NCHW, zero padding, no dilation, one group).
 *
 * @param weight {@code [outChannels, inChannels, kernelH, kernelW]}
 * @param bias {@code [outChannels]}
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padH zero rows added above and below
 * @param padW zero columns added left and right
 */
public record Conv2d(NDArray weight, NDArray bias, int strideH, int strideW, int padH, int padW) implements Layer {
  static {
    // Convolutions are what make libtorch print its NNPACK warning, once per call.
    LibtorchWarnings.silence();
  }

  /** Checks the weight layout and the geometry. */
  public Conv2d {
    Shape w = weight.getShape();
    if (w.dimension() != 4 || !bias.getShape().equals(new Shape(w.get(0)))) {
      throw new IllegalArgumentException("conv2d layer needs weight [out, in, kh, kw] and bias [out], got weight "
          + w + " and bias " + bias.getShape());
    }
    if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
      throw new IllegalArgumentException("conv2d layer needs strides >= 1 and paddings >= 0, got stride ["
          + strideH + ", " + strideW + "] padding [" + padH + ", " + padW + "]");
    }
  }

  /** Output channels. */
  public long outChannels() {
    return weight.getShape().get(0);
  }

  /** Input channels. */
  public long inChannels() {
    return weight.getShape().get(1);
  }

  /** The stride as a DJL shape. */
  public Shape stride() {
    return new Shape(strideH, strideW);
  }

  /** The padding as a DJL shape. */
  public Shape padding() {
    return new Shape(padH, padW);
  }

  @Override
  public String type() {
    return "conv2d";
  }

  @Override
  public NDArray forward(NDArray input) {
    return ai.djl.nn.convolutional.Conv2d.conv2d(input, weight, bias, stride(), padding(), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.dimension() != 3 || inputShape.get(0) != inChannels()) {
      throw new IllegalArgumentException("expects input [" + inChannels() + ", H, W] but gets " + inputShape);
    }
    long kh = weight.getShape().get(2);
    long kw = weight.getShape().get(3);
    long h = (inputShape.get(1) + 2L * padH - kh) / strideH + 1;
    long w = (inputShape.get(2) + 2L * padW - kw) / strideW + 1;
    if (inputShape.get(1) + 2L * padH < kh || inputShape.get(2) + 2L * padW < kw) {
      throw new IllegalArgumentException("kernel " + kh + "x" + kw + " is larger than the padded input " + inputShape);
    }
    return new Shape(outChannels(), h, w);
  }

  @Override
  public List<NDArray> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public Layer mapParameters(UnaryOperator<NDArray> mapping) {
    return new Conv2d(mapping.apply(weight), mapping.apply(bias), strideH, strideW, padH, padW);
  }
}
