/**
 * Gymnasium's five classic-control environments (CartPole, Pendulum, MountainCar, MountainCarContinuous, Acrobot),
 * written from the project's facts sheet: the same constants, integration schemes, float32 observations, strict
 * termination tests and seeded reset distributions, so that a seeded reset here gives Gymnasium's first observation.
 * Sines and cosines come from {@code StrictMath}, so trajectories do not depend on the JVM's intrinsics; products keep
 * Gymnasium's grouping (squares first), so that long episodes stay bit-identical to Gymnasium's.
 * {@link org.samdp.envs.classic.ClassicControl#register()} registers their Gymnasium ids.
 */
package org.samdp.envs.classic;
