package org.samdp.bounds.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The planes of the two-input operators of recurrent cells hold on their whole box: products with CROWN's and with any
 * projected α-CROWN weights, and POPQORN's gate planes, at random points of random boxes; so do their intervals.
 */
class GateProductSoundnessTest {
  private static final int BOXES = 300;
  private static final int POINTS = 400;

  @Test
  void productPlanesEncloseTheProduct() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Interval> boxes = randomBoxes(manager, 4);
      ProductOperator product = new ProductOperator();
      NDArray rows = signedRows(manager);
      assertEncloses(manager, boxes, product.propagateBackward(rows, boxes), NDArray::mul, product, "CROWN planes");
      List<Interval> perRow = List.of(boxes.get(0).expandRows(), boxes.get(1).expandRows());
      NDArray random = manager.randomUniform(-1, 2, new Shape(2, BOXES, 2, 1), DataType.FLOAT64);
      BackwardStep interpolated = product.propagateBackward(rows, perRow, product.project(random, perRow));
      assertEncloses(manager, boxes, interpolated, NDArray::mul, product, "interpolated planes");
    }
  }

  @Test
  void popqornPlanesEncloseTheGateProducts() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Interval> boxes = randomBoxes(manager, 6);
      for (SigmoidGateOperator.Factor factor : SigmoidGateOperator.Factor.values()) {
        SigmoidGateOperator gate = new SigmoidGateOperator(factor);
        BinaryOperator<NDArray> f = (v, z) -> Activation.sigmoid(v).mul(
            factor == SigmoidGateOperator.Factor.TANH ? z.tanh() : z);
        assertEncloses(manager, boxes, gate.propagateBackward(signedRows(manager), boxes), f, gate, factor.name());
      }
    }
  }

  /** Boxes with centres in {@code [-spread, spread]} and widths from 1e-6 to about 7, some of them points. */
  private static List<Interval> randomBoxes(NDManager manager, double spread) {
    manager.getEngine().setRandomSeed(11);
    List<Interval> boxes = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      NDArray centre = manager.randomUniform((float) -spread, (float) spread, new Shape(BOXES, 1), DataType.FLOAT64);
      NDArray width = manager.randomUniform(-6f, 2f, new Shape(BOXES, 1), DataType.FLOAT64).exp();
      width.set(new NDIndex("0:10"), 0);
      boxes.add(new Interval(centre.sub(width.div(2)), centre.add(width.div(2))));
    }
    return boxes;
  }

  /** The rows {@code +f} and {@code −f}, shared by the batch: {@code [1, 2, 1]}. */
  private static NDArray signedRows(NDManager manager) {
    return manager.create(new double[] {1, -1}, new Shape(1, 2, 1));
  }

  private static void assertEncloses(NDManager manager, List<Interval> boxes, BackwardStep step,
      BinaryOperator<NDArray> f, BoundedOperator operator, String what) {
    Interval image = operator.propagateInterval(boxes);
    for (int p = 0; p < POINTS; p++) {
      NDArray x = point(manager, boxes.get(0), p, 0);
      NDArray y = point(manager, boxes.get(1), p, 1);
      NDArray value = f.apply(x, y);
      // [B, 2]: the lower bounds of +f and −f at this point.
      NDArray bound = step.inputCoefficients().get(0).squeeze(-1).mul(x)
          .add(step.inputCoefficients().get(1).squeeze(-1).mul(y)).add(step.bias());
      NDArray signed = value.concat(value.neg(), 1);
      assertTrue(bound.lte(signed.add(1e-10)).all().getBoolean(), what + ": a plane cuts f by " + bound.sub(signed).max().getDouble());
      assertTrue(image.lower().lte(value.add(1e-12)).all().getBoolean(), what + ": f below its interval");
      assertTrue(image.upper().gte(value.sub(1e-12)).all().getBoolean(), what + ": f above its interval");
    }
  }

  /** The four corners for the first four points (bit {@code axis} of p), then uniform random points. */
  private static NDArray point(NDManager manager, Interval box, int p, int axis) {
    NDArray t = p < 4 ? manager.full(box.lower().getShape(), (p >> axis) & 1, DataType.FLOAT64)
        : manager.randomUniform(0, 1, box.lower().getShape(), DataType.FLOAT64);
    return box.lower().add(box.upper().sub(box.lower()).mul(t));
  }
}
