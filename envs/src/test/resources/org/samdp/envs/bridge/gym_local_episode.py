"""A Gymnasium env stepped locally, built the way samdp_bridge's server builds it (Atari preprocessing included), to
compare with the same episode through the bridge.

    python gym_local_episode.py ID SEED < actions.json

Reads a JSON list of actions; plays reset(seed), then the actions, resetting (unseeded) whenever an episode ends.
Prints one JSON object per transition: the observation's bytes as SHA-256 (in its dtype), reward, flags, info.
"""

import hashlib
import json
import sys

import numpy as np

from samdp_bridge import server


def plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON: {type(value)}")


def emit(observation, reward, terminated, truncated, info):
    digest = hashlib.sha256(np.ascontiguousarray(observation).tobytes()).hexdigest()
    print(json.dumps(dict(obs_sha256=digest, reward=float(reward), terminated=bool(terminated),
                          truncated=bool(truncated), info=info), default=plain), flush=True)


def main():
    env_id, seed = sys.argv[1], int(sys.argv[2])
    server._import_atari()
    env = server.GymnasiumBridge._make_one(env_id, {}, None, server._is_atari(env_id))
    actions = json.load(sys.stdin)
    observation, info = env.reset(seed=seed)
    emit(observation, 0.0, False, False, info)
    for action in actions:
        action = np.asarray(action, dtype=np.float64) if isinstance(action, list) else np.int64(action)
        observation, reward, terminated, truncated, info = env.step(action)
        emit(observation, reward, terminated, truncated, info)
        if terminated or truncated:
            observation, info = env.reset()
            emit(observation, 0.0, False, False, info)


if __name__ == "__main__":
    main()
