"""SamdpEnv: an environment on a bridge server as a gymnasium.Env."""

from __future__ import annotations

from typing import Any

import grpc
import gymnasium as gym

from samdp_bridge import convert
from samdp_bridge.connection import open_channel, translate
from samdp_bridge.proto import bridge_pb2 as pb
from samdp_bridge.proto import bridge_pb2_grpc as pb_grpc


class SamdpEnv(gym.Env):
    """An environment served over the bridge (samdp's Java server, or any bridge server), as a ``gymnasium.Env``.

    ``gymnasium.make("samdp/Hopper-v4")`` makes one (after ``import samdp_bridge``) with Gymnasium's usual wrappers,
    the time limit included; made directly, it has none, like any Gymnasium env class.

    Args:
        env_id: the id on the server (``"Hopper-v4"``).
        address: ``HOST:PORT``, ``grpc://HOST:PORT`` or ``grpcs://HOST:PORT`` (TLS, trusting the CA file named by
            ``SAMDP_BRIDGE_CA``); default ``SAMDP_BRIDGE_ADDRESS``, else ``grpc://127.0.0.1:50051``.
        max_episode_steps: the server-side time limit: -1 (default) for none, None for the server's registration.
        make_timeout, call_timeout: deadlines in seconds of MakeEnv and of every other call.
        **kwargs: the environment's constructor arguments.

    ``np_random`` is this object's own generator, seeded by ``reset(seed=...)`` like the server's; the server's
    generator drives the dynamics. Every call has a deadline; a server that goes away makes the next call raise
    one :class:`samdp_bridge.BridgeError`.
    """

    metadata = {"render_modes": []}

    def __init__(self, env_id: str, address: str | None = None, max_episode_steps: int | None = -1,
                 make_timeout: float = 120.0, call_timeout: float = 60.0, render_mode: str | None = None, **kwargs):
        if render_mode is not None:
            raise ValueError(f"{env_id} over the bridge has no render modes, got render_mode={render_mode!r}")
        self.env_id = env_id
        self._call_timeout = call_timeout
        self._session = None
        self._channel, self._target = open_channel(address)
        self._stub = pb_grpc.EnvBridgeStub(self._channel)
        request = pb.MakeEnvRequest(env_id=env_id, kwargs=convert.to_value_map(kwargs, "kwargs"))
        if max_episode_steps is not None:
            request.max_episode_steps = max_episode_steps
        try:
            made = self._call("make", self._stub.MakeEnv, request, make_timeout)
        except Exception:
            self._channel.close()
            raise
        self._session = made.session_id
        self.observation_space = convert.from_space(made.observation_space)
        self.action_space = convert.from_space(made.action_space)
        self.server_wrappers = list(made.wrappers)

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        super().reset(seed=seed)
        request = pb.ResetRequest(session_id=self._require_session(),
                                  options=convert.to_value_map(options or {}, "options"))
        if seed is not None:
            request.seed = seed
        response = self._call("reset", self._stub.Reset, request)
        return (convert.from_element(self.observation_space, response.observation, "the server's observation"),
                convert.from_info(response.info))

    def step(self, action):
        request = pb.StepRequest(session_id=self._require_session(),
                                 action=convert.to_element(self.action_space, action))
        response = self._call("step", self._stub.Step, request)
        return (convert.from_element(self.observation_space, response.observation, "the server's observation"),
                float(response.reward), bool(response.terminated), bool(response.truncated),
                convert.from_info(response.info))

    def close(self):
        """Closes the session on the server; safe to call twice, and when the server is already gone."""
        if self._session is None:
            return
        session, self._session = self._session, None
        try:
            self._stub.Close(pb.CloseRequest(session_id=session), timeout=5)
        except grpc.RpcError:
            pass  # the server or the connection is gone, and the session with it
        finally:
            self._channel.close()

    def _require_session(self) -> str:
        if self._session is None:
            raise RuntimeError(f"{self.env_id} over the bridge is closed; make the env again")
        return self._session

    def _call(self, what, method, request, timeout=None):
        timeout = self._call_timeout if timeout is None else timeout
        try:
            return method(request, timeout=timeout)
        except grpc.RpcError as error:
            raise translate(error, what, self._target, self.env_id, timeout) from None

    def __repr__(self):
        return f"SamdpEnv({self.env_id!r} at {self._target})"


def list_envs(address: str | None = None, timeout: float = 30.0) -> list[pb.EnvSpec]:
    """The registrations the server at ``address`` serves."""
    channel, target = open_channel(address)
    try:
        return list(pb_grpc.EnvBridgeStub(channel).ListEnvs(pb.ListEnvsRequest(), timeout=timeout).specs)
    except grpc.RpcError as error:
        raise translate(error, "make", target, "ListEnvs", timeout) from None
    finally:
        channel.close()
