"""Renders MuJoCo frames offscreen for samdp record.

Reads one JSON object from stdin, {"env": ID, "width": W, "height": H, "qpos": [[...], ...]}, builds Gymnasium's env
of that id (the same model samdp's Java env compiles) with render_mode="rgb_array", and for each qpos sets the state
(zero velocities) and writes the frame to stdout as W*H*3 bytes of RGB. MUJOCO_GL picks the OpenGL backend (egl or
osmesa); samdp sets egl unless it is set.
"""
import json
import sys

import gymnasium as gym
import numpy as np


def main():
    request = json.load(sys.stdin)
    env = gym.make(request["env"], render_mode="rgb_array", width=request["width"], height=request["height"])
    env.reset(seed=0)
    model = env.unwrapped.model
    out = sys.stdout.buffer
    for qpos in request["qpos"]:
        env.unwrapped.set_state(np.asarray(qpos, dtype=np.float64), np.zeros(model.nv))
        frame = np.ascontiguousarray(env.render(), dtype=np.uint8)
        out.write(frame.tobytes())
    out.flush()
    env.close()


if __name__ == "__main__":
    main()
