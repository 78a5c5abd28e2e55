package org.samdp.envs.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Step;
import org.samdp.envs.classic.CartPole;
import org.samdp.envs.spaces.Box;

/** CartPoleNoVel-v1 is CartPole-v1 seen through its positions: the same episodes, two of the four coordinates. */
class SelectObservationTest {

  @Test
  void cartPoleNoVelSeesPositionAndAngleOfTheSameEpisodes() {
    assertEquals(new EnvSpec("CartPoleNoVel-v1", 500, 475.0, false), EnvRegistry.spec("CartPoleNoVel-v1"));
    @SuppressWarnings("unchecked")
    Env<double[], Integer> full = (Env<double[], Integer>) EnvRegistry.make("CartPole-v1");
    @SuppressWarnings("unchecked")
    Env<double[], Integer> partial = (Env<double[], Integer>) EnvRegistry.make("CartPoleNoVel-v1");
    assertInstanceOf(CartPole.class, partial.unwrapped());
    assertEquals("CartPoleNoVel-v1", partial.spec().id());
    Box space = (Box) partial.observationSpace();
    assertArrayEquals(new double[] {-4.8, -24 * Math.PI / 180}, space.low(), 1e-6);
    double[] a = full.reset(3L, Map.of()).observation();
    double[] b = partial.reset(3L, Map.of()).observation();
    boolean done = false;
    int steps = 0;
    while (!done) {
      assertArrayEquals(new double[] {a[0], a[2]}, b);
      int action = steps % 3 == 0 ? 0 : 1;
      Step<double[]> x = full.step(action);
      Step<double[]> y = partial.step(action);
      assertEquals(x.reward(), y.reward());
      assertEquals(x.terminated(), y.terminated());
      a = x.observation();
      b = y.observation();
      done = x.done();
      steps++;
    }
    assertThrows(IllegalArgumentException.class, () -> new SelectObservation<>(new CartPole(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new SelectObservation<>(new CartPole(), 4));
  }
}
