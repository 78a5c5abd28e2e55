package org.samdp.bounds.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every activation's lines enclose it on its whole interval, for CROWN's and for any projected α parameters. */
class RelaxationSoundnessTest {
  private static final int INTERVALS = 400;
  private static final int POINTS = 41;

  static Stream<ActivationOperator> activations() {
    return Stream.of(new ReluOperator(), new LeakyReluOperator(0.1), new TanhOperator(), new SigmoidOperator());
  }

  @ParameterizedTest
  @MethodSource("activations")
  void crownAndOptimisedRelaxationsEncloseTheActivation(ActivationOperator activation) {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(3);
      // Centres over [-8, 8], widths from 1e-6 to 20: one-sided and crossing intervals, narrow and wide.
      NDArray centre = manager.randomUniform(-8, 8, new Shape(INTERVALS), DataType.FLOAT64);
      NDArray width = manager.randomUniform(-6f, 1.3f, new Shape(INTERVALS), DataType.FLOAT64).exp();
      Interval pre = new Interval(centre.sub(width.div(2)), centre.add(width.div(2)));
      NDArray random = manager.randomUniform(-10, 10, activation.initialParameters(pre).getShape(), DataType.FLOAT64);
      for (NDArray parameters : List.of(activation.initialParameters(pre), activation.project(random, pre))) {
        Relaxation lines = activation.relax(pre, parameters);
        for (int k = 0; k < POINTS; k++) {
          NDArray x = pre.lower().add(pre.upper().sub(pre.lower()).mul(k / (double) (POINTS - 1)));
          NDArray fx = activation.apply(x);
          NDArray lower = lines.lowerSlope().mul(x).add(lines.lowerIntercept());
          NDArray upper = lines.upperSlope().mul(x).add(lines.upperIntercept());
          assertTrue(lower.lte(fx.add(1e-10)).all().getBoolean(), activation + ": lower line above f");
          assertTrue(upper.gte(fx.sub(1e-10)).all().getBoolean(), activation + ": upper line below f");
        }
      }
      Interval image = activation.propagateInterval(List.of(pre));
      assertTrue(image.lower().lte(image.upper()).all().getBoolean());
    }
  }
}
