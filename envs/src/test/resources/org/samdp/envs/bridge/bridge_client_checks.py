"""The Python side of samdp's bridge tests: samdp's envs through samdp_bridge, as a Gymnasium user gets them.

    python bridge_client_checks.py check-all            # check_env on every served id; compare the id table
    python bridge_client_checks.py episode ID SEED N    # a seeded episode with sampled actions, as JSON lines
    python bridge_client_checks.py hold ID              # make, reset, step; print ready; on a stdin line, step again

The server is the one SAMDP_BRIDGE_ADDRESS names. Prints one JSON object per line.
"""

import json
import sys
import time
import warnings

import gymnasium as gym
import numpy as np
from gymnasium.utils.env_checker import check_env

import samdp_bridge
from samdp_bridge.client import list_envs


def emit(**fields):
    print(json.dumps(fields, default=plain), flush=True)


def plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON: {type(value)}")


def check_all():
    served = {spec.id: spec for spec in list_envs()}
    table = {env_id: (spec.max_episode_steps if spec.HasField("max_episode_steps") else None,
                      spec.reward_threshold if spec.HasField("reward_threshold") else None)
             for env_id, spec in served.items()}
    emit(table_matches=table == samdp_bridge.SAMDP_ENVS, served=table,
         python_table={k: list(v) for k, v in samdp_bridge.SAMDP_ENVS.items()})
    for env_id in sorted(served):
        started = time.monotonic()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                env = gym.make(samdp_bridge.gym_id(env_id))
                check_env(env.unwrapped)
                env.close()
            except Exception as e:  # reported to the Java test, which fails on it
                emit(id=env_id, ok=False, error=f"{type(e).__name__}: {e}")
                continue
        emit(id=env_id, ok=True, seconds=round(time.monotonic() - started, 3),
             warnings=sorted({str(w.message) for w in caught}))


def episode(env_id, seed, steps):
    env = gym.make(samdp_bridge.gym_id(env_id))
    env.action_space.seed(7)
    observation, info = env.reset(seed=seed)
    emit(obs=observation, reward=0.0, terminated=False, truncated=False, info=info)
    for _ in range(steps):
        action = env.action_space.sample()
        observation, reward, terminated, truncated, info = env.step(action)
        emit(action=action, obs=observation, reward=reward, terminated=terminated, truncated=truncated, info=info)
        if terminated or truncated:
            observation, info = env.reset()
            emit(obs=observation, reward=0.0, terminated=False, truncated=False, info=info)
    env.close()


def hold(env_id):
    env = gym.make(samdp_bridge.gym_id(env_id))
    env.reset(seed=0)
    env.step(env.action_space.sample())
    emit(ready=True)
    sys.stdin.readline()
    started = time.monotonic()
    try:
        env.step(env.action_space.sample())
        emit(error_type=None)
    except Exception as e:
        emit(error_type=type(e).__name__, message=str(e), seconds=time.monotonic() - started)
    time.sleep(60)  # until the test ends this process


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "check-all":
        check_all()
    elif mode == "episode":
        episode(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "hold":
        hold(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode}")
