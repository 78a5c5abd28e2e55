"""samdp's Gymnasium-compatible gRPC bridge, Python side.

``import samdp_bridge`` registers samdp's environments under the ``samdp/`` namespace, so that

    import gymnasium as gym
    import samdp_bridge  # noqa: F401  (Gymnasium 1.x has no plugin entry points: the import registers)
    env = gym.make("samdp/Hopper-v4")

makes samdp's Hopper-v4, stepped by the samdp bridge server at ``SAMDP_BRIDGE_ADDRESS`` (default
``grpc://127.0.0.1:50051``; start it with ``./samdp bridge serve``). ``gym.make("samdp_bridge:samdp/Hopper-v4")``
works without the import. ``python -m samdp_bridge.server`` serves any ``gymnasium.make`` environment (Atari
included) to samdp's Java trainers.
"""

from __future__ import annotations

import gymnasium as gym

from samdp_bridge.connection import BridgeError

__all__ = ["BridgeError", "SamdpEnv", "SAMDP_ENVS", "gym_id", "register_envs"]

NAMESPACE = "samdp"

# samdp's registry (`./samdp envs list`): id -> (max_episode_steps, reward_threshold). A test compares this table with
# what the Java server lists, so that it cannot drift.
SAMDP_ENVS: dict[str, tuple[int | None, float | None]] = {
    "Acrobot-v1": (500, -100.0),
    "Ant-v4": (1000, 6000.0),
    "Ant-v5": (1000, 6000.0),
    "AntContactForces-v4": (1000, 6000.0),
    "CartPole-v0": (200, 195.0),
    "CartPole-v1": (500, 475.0),
    "CartPoleNoVel-v1": (500, 475.0),
    "HalfCheetah-v4": (1000, 4800.0),
    "HalfCheetah-v5": (1000, 4800.0),
    "Hopper-v4": (1000, 3800.0),
    "Hopper-v5": (1000, 3800.0),
    "Humanoid-v4": (1000, None),
    "Humanoid-v5": (1000, None),
    "InvertedPendulum-v4": (1000, 950.0),
    "InvertedPendulum-v5": (1000, 950.0),
    "MinAtar/Asterix-v0": (None, None),
    "MinAtar/Asterix-v1": (None, None),
    "MinAtar/Breakout-v0": (None, None),
    "MinAtar/Breakout-v1": (None, None),
    "MinAtar/Freeway-v0": (None, None),
    "MinAtar/Freeway-v1": (None, None),
    "MinAtar/Seaquest-v0": (None, None),
    "MinAtar/Seaquest-v1": (None, None),
    "MinAtar/SpaceInvaders-v0": (None, None),
    "MinAtar/SpaceInvaders-v1": (None, None),
    "MountainCar-v0": (200, -110.0),
    "MountainCarContinuous-v0": (999, 90.0),
    "Pendulum-v1": (200, None),
    "Reacher-v4": (50, -3.75),
    "Reacher-v5": (50, -3.75),
    "Walker2d-v4": (1000, None),
    "Walker2d-v5": (1000, None),
}


def __getattr__(name):
    # SamdpEnv imports grpc; load it when first used, so that registering stays cheap.
    if name == "SamdpEnv":
        from samdp_bridge.client import SamdpEnv

        return SamdpEnv
    raise AttributeError(name)


def gym_id(env_id: str) -> str:
    """The Gymnasium id of a samdp env: ``samdp/`` plus its id, a namespace's slash written as a dash (Gymnasium ids
    have one namespace), e.g. ``MinAtar/Breakout-v1`` -> ``samdp/MinAtar-Breakout-v1``."""
    return f"{NAMESPACE}/{env_id.replace('/', '-')}"


def _register(env_id: str, max_episode_steps: int | None, reward_threshold: float | None,
              nondeterministic: bool = False) -> None:
    gym.register(
        id=gym_id(env_id),
        entry_point="samdp_bridge.client:SamdpEnv",
        kwargs={"env_id": env_id},
        max_episode_steps=max_episode_steps,
        reward_threshold=reward_threshold,
        nondeterministic=nondeterministic,
    )


def register_envs(address: str | None = None) -> list[str]:
    """Registers every id the server at ``address`` serves (under ``samdp/``), returning them; for servers that serve
    envs beyond :data:`SAMDP_ENVS`."""
    from samdp_bridge.client import list_envs

    ids = []
    for spec in list_envs(address):
        _register(spec.id, spec.max_episode_steps if spec.HasField("max_episode_steps") else None,
                  spec.reward_threshold if spec.HasField("reward_threshold") else None, spec.nondeterministic)
        ids.append(gym_id(spec.id))
    return ids


for _id, (_steps, _threshold) in SAMDP_ENVS.items():
    if gym_id(_id) not in gym.registry:
        _register(_id, _steps, _threshold)
