package org.samdp.envs.classic;

import org.samdp.envs.EnvRegistry;
import org.samdp.envs.EnvSpec;
import org.samdp.envs.Kwargs;
import org.samdp.envs.wrappers.SelectObservation;

/** Registers the classic-control ids with Gymnasium's time limits, reward thresholds and constructor arguments. */
public final class ClassicControl {
  private ClassicControl() {}

  /**
   * Registers CartPole-v0/v1, Pendulum-v1, MountainCar-v0, MountainCarContinuous-v0 and Acrobot-v1, and
   * CartPoleNoVel-v1: CartPole-v1 observing the cart's position and the pole's angle only (no velocities), a
   * partially observable task that needs memory (after RL Zoo's id of that name, which zeroes the velocities rather
   * than dropping them).
   */
  public static void register() {
    registerCartPole("CartPole-v0", 200, 195.0);
    registerCartPole("CartPole-v1", 500, 475.0);
    EnvRegistry.register(new EnvSpec("CartPoleNoVel-v1", 500, 475.0, false), kwargs -> {
      Kwargs args = Kwargs.of("CartPoleNoVel-v1", kwargs, "sutton_barto_reward");
      return new SelectObservation<>(new CartPole(args.getBoolean("sutton_barto_reward", false)), 0, 2);
    });
    EnvRegistry.register(new EnvSpec("Pendulum-v1", 200, Double.NaN, false), kwargs -> {
      Kwargs args = Kwargs.of("Pendulum-v1", kwargs, "g");
      return new Pendulum(args.getDouble("g", Pendulum.DEFAULT_GRAVITY));
    });
    EnvRegistry.register(new EnvSpec("MountainCar-v0", 200, -110.0, false), kwargs -> {
      Kwargs args = Kwargs.of("MountainCar-v0", kwargs, "goal_velocity");
      return new MountainCar(args.getDouble("goal_velocity", 0.0));
    });
    EnvRegistry.register(new EnvSpec("MountainCarContinuous-v0", 999, 90.0, false), kwargs -> {
      Kwargs args = Kwargs.of("MountainCarContinuous-v0", kwargs, "goal_velocity");
      return new MountainCarContinuous(args.getDouble("goal_velocity", 0.0));
    });
    EnvRegistry.register(new EnvSpec("Acrobot-v1", 500, -100.0, false), kwargs -> {
      Kwargs.of("Acrobot-v1", kwargs); // Acrobot takes no arguments: this rejects any
      return new Acrobot();
    });
  }

  private static void registerCartPole(String id, int maxEpisodeSteps, double rewardThreshold) {
    EnvRegistry.register(new EnvSpec(id, maxEpisodeSteps, rewardThreshold, false), kwargs -> {
      Kwargs args = Kwargs.of(id, kwargs, "sutton_barto_reward");
      return new CartPole(args.getBoolean("sutton_barto_reward", false));
    });
  }
}
