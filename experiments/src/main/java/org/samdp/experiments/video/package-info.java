/**
 * Videos of episodes ({@code samdp record}): one deterministic episode of a trained policy, clean or attacked, its
 * frames drawn (classic control and MinAtar in Java2D, MuJoCo offscreen by the {@code mujoco} package in
 * {@code .venv}) and written as GIF or MP4.
 */
package org.samdp.experiments.video;
