package org.samdp.bounds.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samdp.bounds.network.Conv2d;
import org.samdp.bounds.network.Network;

/** The backward step of a convolution is its exact adjoint, for every geometry. */
class Conv2dOperatorTest {

  @ParameterizedTest(name = "k{0} s{1} p{2} on {3}x{4}")
  @CsvSource({"3,1,1,5,4", "3,2,1,7,6", "3,2,0,8,8", "8,4,0,20,17", "4,2,0,9,9", "2,3,0,7,8", "5,3,2,11,10",
      "1,1,0,3,3"})
  void backwardIsTheAdjointOfTheConvolution(int kernel, int stride, int padding, int height, int width) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape inputShape = new Shape(2, height, width);
      Conv2d conv = (Conv2d) Network.builder(inputShape).conv2d(3, kernel, stride, padding)
          .build(manager, DataType.FLOAT64, kernel * 31L + stride).layers().get(0);
      Shape outputShape = conv.outputShape(inputShape);
      manager.getEngine().setRandomSeed(kernel + stride + padding);
      NDArray x = manager.randomNormal(new Shape(1).addAll(inputShape), DataType.FLOAT64);
      NDArray rows = manager.randomNormal(new Shape(1, 4).addAll(outputShape), DataType.FLOAT64);

      BackwardStep step = new Conv2dOperator(conv, inputShape).propagateBackward(rows, List.of());
      NDArray viaForward = Interval.dot(rows, conv.forward(x));
      NDArray viaBackward = Interval.dot(step.inputCoefficients().get(0), x).add(step.bias());

      double scale = viaForward.abs().max().getDouble();
      assertEquals(0, viaForward.sub(viaBackward).abs().max().getDouble(), 1e-12 * Math.max(1, scale));
    }
  }
}
