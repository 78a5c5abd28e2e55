/**
 * MuJoCo environments in Java: Gymnasium's Hopper, Walker2d, HalfCheetah, Ant, Humanoid, InvertedPendulum and Reacher
 * (v4 and v5) on the official {@code libmujoco} through a direct-mapped JNA binding.
 *
 * <p>{@link org.samdp.envs.mujoco.MuJoCo} finds and loads the library (the project's {@code .venv} mujoco wheel, or
 * {@code SAMDP_MUJOCO_LIB}); struct offsets come from a C probe compiled against the headers of that same library.
 * {@link org.samdp.envs.mujoco.MjModel} and {@link org.samdp.envs.mujoco.MjData} own native memory and free it in
 * {@code close()}. The model files are samdp's own MJCF, written from the environment facts sheet; parity tests run
 * them step for step against Gymnasium.
 */
package org.samdp.envs.mujoco;
