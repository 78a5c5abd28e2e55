package org.samdp.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.samdp.envs.Env;
import org.samdp.envs.EnvRegistry;

/**
 * Seeded resets agree exactly with Gymnasium's. The expected first observations were produced once with Gymnasium
 * 1.3.0 on numpy 2.4.6 ({@code gym.make(id).reset(seed=..., options=...)}, float32 observations printed as doubles)
 * and are hard-coded here.
 */
class GymnasiumSeededResetTest {

  private static double[] reset(String id, long seed, Map<String, Object> options) {
    Env<?, ?> env = EnvRegistry.make(id);
    return (double[]) env.reset(seed, options).observation();
  }

  @Test
  void cartPole() {
    assertArrayEquals(new double[] {0.02739560417830944, -0.006112155970185995, 0.03585979342460632,
        0.019736802205443382}, reset("CartPole-v1", 42, Map.of()));
    assertArrayEquals(new double[] {0.013696168549358845, -0.023021329194307327, -0.04590264707803726,
        -0.04834723472595215}, reset("CartPole-v1", 0, Map.of()));
    assertArrayEquals(new double[] {0.03298128768801689, -0.024469483643770218, -0.03462092950940132,
        0.017450453713536263}, reset("CartPole-v1", (1L << 40) + 7, Map.of()));
  }

  @Test
  void cartPoleUnseededResetContinuesTheStream() {
    Env<?, ?> env = EnvRegistry.make("CartPole-v1");
    env.reset(42);
    assertArrayEquals(new double[] {-0.040582265704870224, 0.04756223410367966, 0.026113970205187798,
        0.02860642969608307}, (double[]) env.reset().observation());
  }

  @Test
  void pendulum() {
    assertArrayEquals(new double[] {-0.14995256066322327, 0.9886931777000427, -0.12224312126636505},
        reset("Pendulum-v1", 42, Map.of()));
    assertArrayEquals(new double[] {0.652016282081604, 0.758204996585846, -0.46042656898498535},
        reset("Pendulum-v1", 0, Map.of()));
  }

  @Test
  void mountainCars() {
    for (String id : new String[] {"MountainCar-v0", "MountainCarContinuous-v0"}) {
      assertArrayEquals(new double[] {-0.4452087879180908, 0.0}, reset(id, 42, Map.of()), id);
      assertArrayEquals(new double[] {-0.47260767221450806, 0.0}, reset(id, 0, Map.of()), id);
    }
  }

  @Test
  void acrobot() {
    assertArrayEquals(new double[] {0.99849933385849, 0.0547637976706028, 0.9999252557754517, -0.012224007397890091,
        0.07171958684921265, 0.039473604410886765}, reset("Acrobot-v1", 42, Map.of()));
    assertArrayEquals(new double[] {0.9996248483657837, 0.027388911694288254, 0.9989402294158936,
        -0.04602639377117157, -0.09180529415607452, -0.0966944694519043}, reset("Acrobot-v1", 0, Map.of()));
  }

  @Test
  void resetOptionsOverrideTheDistributions() {
    assertArrayEquals(new double[] {0.11254773288965225, 0.24860690534114838, 0.18784284591674805,
        -0.08739640563726425}, reset("CartPole-v1", 7, Map.of("low", -0.2, "high", 0.3)));
    assertArrayEquals(new double[] {0.035003818571567535, 0.04588855057954788, 0.04102742671966553,
        0.01900828815996647}, reset("CartPole-v1", 7, Map.of("low", 0.01)));
    assertArrayEquals(new double[] {0.9921857714653015, 0.12476945668458939, 0.19860689342021942},
        reset("Pendulum-v1", 7, Map.of("x_init", 0.5, "y_init", 0.25)));
    assertArrayEquals(new double[] {0.7066825032234192, 0.7075307965278625, 0.0},
        reset("Pendulum-v1", 7, Map.of("y_init", 0)));
    assertArrayEquals(new double[] {-0.4874904453754425, 0.0},
        reset("MountainCar-v0", 7, Map.of("low", -0.55, "high", -0.45)));
    assertArrayEquals(new double[] {-0.5374904274940491, 0.0},
        reset("MountainCarContinuous-v0", 7, Map.of("high", -0.5)));
    // Gymnasium takes cos θ2 of the float32 reset state with numpy's float32 cos, here 1 ulp below the correctly
    // rounded 0.7006933093 (cos = 0.70069328560 in double) that we return; hence the one-ulp tolerance.
    assertArrayEquals(new double[] {0.968865156173706, 0.24758896231651306, 0.7006932497024536, 0.7134626507759094,
        0.5513713955879211, -0.5495856404304504}, reset("Acrobot-v1", 7, Map.of("low", -1.0, "high", 1.0)),
        Math.ulp(0.7f));
  }
}
