/**
 * Gymnasium's five classic-control environments (CartPole, Pendulum, MountainCar, MountainCarContinuous, Acrobot),
 * written from the project's facts sheet: the same constants, integration schemes, float32 observations, strict
 * termination tests and seeded reset distributions, so that a seeded reset here gives Gymnasium's first observation.
 * {@link org.samdp.envs.classic.ClassicControl#register()} registers their Gymnasium ids.
 */
package org.samdp.envs.classic;
