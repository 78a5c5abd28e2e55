"""samdp's Gymnasium peer: drives Gymnasium's MuJoCo envs for samdp's parity tests and benchmarks (GymnasiumPeer.java).

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"cmd": "make", "id": "Hopper-v4", "kwargs": {}}       -> {"nq": .., "nv": .., "nu": .., "frame_skip": .., "dt": ..}
  {"cmd": "reset", "seed": 7}                            -> {"obs": [..], "info": {..}, "qpos": [..], "qvel": [..]}
  {"cmd": "set_state", "qpos": [..], "qvel": [..]}       -> {"obs": [..]}
  {"cmd": "rollout", "actions": [[..], ..], "reset_on_termination": true}
        -> {"obs": [[..]], "reward": [..], "terminated": [..], "info": [{..}], "reset": [null or {obs, qpos, qvel}]}
           (with reset_on_termination, a terminal step is followed by an unseeded reset, reported under "reset")
  {"cmd": "compare_model", "xml": "/path/ours.xml"}      -> {"field": max |ours - gymnasium|, ..} over compiled arrays
  {"cmd": "bench", "id": "Hopper-v4", "steps": 20000, "seed": 0}
        -> {"steps_per_second": ..}  (gym.make's env with its wrappers, random actions, reset when done)
  {"cmd": "versions"}                                    -> {"gymnasium": .., "mujoco": ..}
Errors answer {"error": "..."}. Floats travel as shortest round-trip decimals, so values arrive bit for bit.
"""
import json
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")

import gymnasium as gym  # noqa: E402
import mujoco  # noqa: E402

gym.logger.min_level = gym.logger.ERROR  # v4 deprecation notices would only clutter the test log

# Compiled-model fields that decide the dynamics (and the frames the observations read).
MODEL_FIELDS = [
    "body_parentid", "body_pos", "body_quat", "body_ipos", "body_iquat", "body_mass", "body_inertia",
    "jnt_type", "jnt_bodyid", "jnt_qposadr", "jnt_pos", "jnt_axis", "jnt_range", "jnt_limited", "jnt_stiffness",
    "jnt_solref", "jnt_solimp", "qpos0", "qpos_spring",
    "dof_armature", "dof_damping", "dof_frictionloss",
    "geom_type", "geom_bodyid", "geom_contype", "geom_conaffinity", "geom_condim", "geom_size", "geom_pos",
    "geom_quat", "geom_friction", "geom_margin", "geom_gap", "geom_solref", "geom_solimp", "geom_solmix",
    "geom_priority", "actuator_trnid", "actuator_gear", "actuator_ctrlrange", "actuator_ctrllimited",
    "actuator_forcerange", "actuator_gainprm", "actuator_biasprm", "actuator_dyntype", "actuator_gaintype",
    "actuator_biastype",
]
OPTION_FIELDS = ["timestep", "gravity", "integrator", "solver", "iterations", "cone", "impratio", "tolerance",
                 "noslip_iterations", "disableflags", "enableflags", "density", "viscosity", "ls_iterations"]


class Peer:
    def __init__(self):
        self.env = None

    def make(self, id, kwargs=None):
        if self.env is not None:
            self.env.close()
        self.env = gym.make(id, **(kwargs or {})).unwrapped
        m = self.env.model
        return {"nq": int(m.nq), "nv": int(m.nv), "nu": int(m.nu), "frame_skip": int(self.env.frame_skip),
                "dt": float(self.env.dt)}

    def reset(self, seed=None):
        obs, info = self.env.reset(seed=seed)
        d = self.env.data
        return {"obs": obs.tolist(), "info": numeric(info), "qpos": d.qpos.tolist(), "qvel": d.qvel.tolist()}

    def set_state(self, qpos, qvel):
        self.env.set_state(np.array(qpos, dtype=np.float64), np.array(qvel, dtype=np.float64))
        return {"obs": self.env._get_obs().tolist()}

    def rollout(self, actions, reset_on_termination=False):
        out = {"obs": [], "reward": [], "terminated": [], "info": [], "reset": []}
        for a in actions:
            obs, reward, terminated, _, info = self.env.step(np.array(a, dtype=np.float64))
            out["obs"].append(obs.tolist())
            out["reward"].append(float(reward))
            out["terminated"].append(bool(terminated))
            out["info"].append(numeric(info))
            reset = None
            if terminated and reset_on_termination:
                reset = self.reset()
            out["reset"].append(reset)
        return out

    def compare_model(self, xml):
        ours = mujoco.MjModel.from_xml_path(xml)
        theirs = self.env.model
        diff = {}
        for field in MODEL_FIELDS:
            diff[field] = difference(getattr(ours, field), getattr(theirs, field))
        for field in OPTION_FIELDS:
            diff["opt." + field] = difference(getattr(ours.opt, field), getattr(theirs.opt, field))
        return diff

    def bench(self, id, steps, seed=0):
        env = gym.make(id)
        env.action_space.seed(seed)
        env.reset(seed=seed)
        start = time.perf_counter()
        for _ in range(steps):
            _, _, terminated, truncated, _ = env.step(env.action_space.sample())
            if terminated or truncated:
                env.reset()
        elapsed = time.perf_counter() - start
        env.close()
        return {"steps_per_second": steps / elapsed}

    def versions(self):
        return {"gymnasium": gym.__version__, "mujoco": mujoco.__version__}


def numeric(info):
    """The info entries that are numbers or numeric arrays, as JSON values."""
    out = {}
    for key, value in info.items():
        if isinstance(value, (bool, np.bool_)):
            out[key] = bool(value)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            out[key] = float(value)
        elif isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number):
            out[key] = value.astype(np.float64).ravel().tolist()
    return out


def difference(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return "shape %s vs %s" % (a.shape, b.shape)
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def main():
    peer = Peer()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        command = request.pop("cmd")
        try:
            answer = getattr(peer, command)(**request)
        except Exception as e:  # answered, not raised: the Java side reports it
            answer = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
