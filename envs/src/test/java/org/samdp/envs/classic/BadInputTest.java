package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.samdp.envs.Env;
import org.samdp.envs.InvalidActionException;

/** Wrong actions, states and reset options get one clear error each. */
class BadInputTest {

  private static void assertMessageMentions(Exception e, String... words) {
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), "'" + e.getMessage() + "' should mention '" + word + "'");
    }
  }

  static Stream<Arguments> discreteEnvs() {
    return Stream.of(
        Arguments.of((Supplier<Env<double[], Integer>>) CartPole::new, List.of(-1, 2)),
        Arguments.of((Supplier<Env<double[], Integer>>) MountainCar::new, List.of(-1, 3)),
        Arguments.of((Supplier<Env<double[], Integer>>) Acrobot::new, List.of(-1, 3, Integer.MAX_VALUE)));
  }

  @ParameterizedTest
  @MethodSource("discreteEnvs")
  void discreteActionsOutsideTheSpaceAreRejected(Supplier<Env<double[], Integer>> make, List<Integer> bad) {
    Env<double[], Integer> env = make.get();
    env.reset(0);
    for (Integer action : bad) {
      InvalidActionException e = assertThrows(InvalidActionException.class, () -> env.step(action));
      assertMessageMentions(e, String.valueOf(action), "Discrete");
    }
    assertThrows(InvalidActionException.class, () -> env.step(null));
  }

  static Stream<Arguments> continuousEnvs() {
    return Stream.of(
        Arguments.of((Supplier<Env<double[], double[]>>) Pendulum::new, 2.0),
        Arguments.of((Supplier<Env<double[], double[]>>) MountainCarContinuous::new, 1.0));
  }

  @ParameterizedTest
  @MethodSource("continuousEnvs")
  void continuousActionsOfWrongShapeNanOrOutOfRangeAreRejected(Supplier<Env<double[], double[]>> make,
      double maxAction) {
    Env<double[], double[]> env = make.get();
    env.reset(0);
    double[][] bad = {new double[0], new double[] {0, 0}, new double[] {Double.NaN},
        new double[] {Math.nextUp(maxAction)}, new double[] {-Math.nextUp(maxAction)},
        new double[] {Double.POSITIVE_INFINITY}, null};
    for (double[] action : bad) {
      assertThrows(InvalidActionException.class, () -> env.step(action), Arrays.toString(action));
    }
    assertMessageMentions(assertThrows(InvalidActionException.class, () -> env.step(new double[] {Double.NaN})),
        "NaN");
    assertMessageMentions(assertThrows(InvalidActionException.class, () -> env.step(new double[] {0, 0})),
        "expected 1 values");
    assertDoesNotThrow(() -> env.step(new double[] {maxAction}), "the bounds are inside");
    assertDoesNotThrow(() -> env.step(new double[] {-maxAction}));
  }

  @Test
  void stepBeforeResetIsRefused() {
    assertThrows(IllegalStateException.class, () -> new CartPole().step(0));
    assertThrows(IllegalStateException.class, () -> new Pendulum().step(new double[] {0}));
  }

  @Test
  void statesOfWrongSizeOrNotFiniteAreRejected() {
    CartPole cartPole = new CartPole();
    assertMessageMentions(assertThrows(IllegalArgumentException.class, () -> cartPole.setState(new double[3])),
        "4 entries");
    assertThrows(IllegalArgumentException.class, () -> cartPole.setState(null));
    assertMessageMentions(assertThrows(IllegalArgumentException.class,
        () -> new Pendulum().setState(new double[] {Double.NaN, 0})), "finite");
    assertThrows(IllegalArgumentException.class,
        () -> new MountainCar().setState(new double[] {0, Double.POSITIVE_INFINITY}));
    assertThrows(IllegalArgumentException.class, () -> new MountainCarContinuous().setState(new double[4]));
    assertThrows(IllegalArgumentException.class, () -> new Acrobot().setState(new double[2]));
  }

  @Test
  void setStateCopiesItsArgument() {
    Acrobot env = new Acrobot();
    double[] state = {0.1, 0.2, 0.3, 0.4};
    env.setState(state);
    state[0] = 9;
    assertEquals(0.1, env.state()[0]);
  }

  static Stream<Arguments> rangeResetEnvs() {
    return Stream.of(Arguments.of((Supplier<Env<?, ?>>) CartPole::new),
        Arguments.of((Supplier<Env<?, ?>>) MountainCar::new),
        Arguments.of((Supplier<Env<?, ?>>) MountainCarContinuous::new),
        Arguments.of((Supplier<Env<?, ?>>) Acrobot::new));
  }

  @ParameterizedTest
  @MethodSource("rangeResetEnvs")
  void badLowHighResetOptionsAreRejected(Supplier<Env<?, ?>> make) {
    Env<?, ?> env = make.get();
    assertMessageMentions(assertThrows(IllegalArgumentException.class,
        () -> env.reset(0L, Map.of("low", 0.2, "high", 0.1))), "low <= high");
    assertMessageMentions(assertThrows(IllegalArgumentException.class,
        () -> env.reset(0L, Map.of("lo", 0.2))), "lo", "low", "high");
    assertThrows(IllegalArgumentException.class, () -> env.reset(0L, Map.of("low", Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> env.reset(0L, Map.of("high", "0.1")));
    assertThrows(IllegalArgumentException.class,
        () -> env.reset(0L, Map.of("low", Double.NEGATIVE_INFINITY)));
  }

  @Test
  void badPendulumResetOptionsAreRejected() {
    Pendulum env = new Pendulum();
    assertMessageMentions(assertThrows(IllegalArgumentException.class,
        () -> env.reset(0L, Map.of("x_init", -1.0))), "x_init", ">= 0");
    assertThrows(IllegalArgumentException.class, () -> env.reset(0L, Map.of("y_init", Double.POSITIVE_INFINITY)));
    assertMessageMentions(assertThrows(IllegalArgumentException.class,
        () -> env.reset(0L, Map.of("low", -1.0))), "low", "x_init");
  }
}
