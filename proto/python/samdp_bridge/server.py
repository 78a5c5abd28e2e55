"""A bridge server around any ``gymnasium.make`` environment, for samdp's Java clients.

    python -m samdp_bridge.server [--host 127.0.0.1] [--port 50051] [--envs ID,...] [--raw-atari]
                                  [--idle-timeout SECONDS] [--tls-cert FILE --tls-key FILE]

Atari ids (``ALE/...``) get the usual DQN preprocessing unless ``--raw-atari``: ``frameskip=1`` in the ALE env, then
``AtariPreprocessing`` (30 random no-ops, frame skip 4 with max-pooling, 84x84 grayscale) and a stack of the last 4
frames, giving uint8 observations of shape (4, 84, 84). A session is closed when its client closes it or after it sits
idle past the idle timeout.
"""

from __future__ import annotations

import argparse
import difflib
import secrets
import sys
import threading
import time
from concurrent import futures

import grpc
import gymnasium as gym
import numpy as np

from samdp_bridge import convert
from samdp_bridge.connection import DEFAULT_PORT
from samdp_bridge.proto import bridge_pb2 as pb
from samdp_bridge.proto import bridge_pb2_grpc as pb_grpc

MAX_NUM_ENVS = 1024
ATARI_WRAPPERS = ["AtariPreprocessing(noop_max=30, frame_skip=4, screen_size=84, grayscale_obs=True)",
                  "FrameStackObservation(stack_size=4)"]


class Abort(Exception):
    """A failure with the status code to answer it with."""

    def __init__(self, code: grpc.StatusCode, message: str):
        super().__init__(message)
        self.code = code


def _import_atari():
    try:
        import ale_py
    except ImportError:
        return False
    gym.register_envs(ale_py)
    return True


def _is_atari(env_id: str) -> bool:
    return env_id.startswith("ALE/")


class _Session:
    """One client's environment (or vector of environments); calls on it run one at a time."""

    def __init__(self, env, vector: bool):
        self.env = env
        self.vector = vector
        self.lock = threading.Lock()
        self.last_used = time.monotonic()
        self.closed = False
        self.observation_space = env.single_observation_space if vector else env.observation_space
        self.action_space = env.single_action_space if vector else env.action_space

    def close(self):
        with self.lock:
            if not self.closed:
                self.closed = True
                self.env.close()


class GymnasiumBridge(pb_grpc.EnvBridgeServicer):
    """The bridge service over Gymnasium's registry."""

    def __init__(self, env_ids=None, raw_atari: bool = False):
        self.served = set(env_ids) if env_ids else None
        self.raw_atari = raw_atari
        self.sessions: dict[str, _Session] = {}
        self.sessions_lock = threading.Lock()

    # ---- the service -------------------------------------------------------------------------------------------

    def ListEnvs(self, request, context):
        return self._answer(context, self._list_envs)

    def MakeEnv(self, request, context):
        return self._answer(context, lambda: self._make_env(request))

    def Reset(self, request, context):
        return self._answer(context, lambda: self._in_session(request.session_id, lambda s: self._reset(s, request)))

    def Step(self, request, context):
        return self._answer(context, lambda: self._in_session(request.session_id, lambda s: self._step(s, request)))

    def StepBatch(self, request, context):
        return self._answer(context,
                            lambda: self._in_session(request.session_id, lambda s: self._step_batch(s, request)))

    def Close(self, request, context):
        def close():
            with self.sessions_lock:
                session = self.sessions.pop(request.session_id, None)
            if session is not None:
                session.close()
            return pb.CloseResponse()

        return self._answer(context, close)

    # ---- the work ----------------------------------------------------------------------------------------------

    def _list_envs(self):
        specs = []
        for env_id, spec in sorted(gym.registry.items()):
            if self.served is None or env_id in self.served:
                specs.append(self._describe(spec, spec.max_episode_steps))
        return pb.ListEnvsResponse(specs=specs)

    def _make_env(self, request):
        env_id = request.env_id
        if not env_id:
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT, "MakeEnv needs an env_id")
        if env_id not in gym.registry:
            close = difflib.get_close_matches(env_id, list(gym.registry), n=3)
            raise Abort(grpc.StatusCode.NOT_FOUND, f"unknown environment id '{env_id}'"
                        + (f"; did you mean {', '.join(close)}?" if close else ""))
        if self.served is not None and env_id not in self.served:
            raise Abort(grpc.StatusCode.NOT_FOUND,
                        f"this server serves only {sorted(self.served)}, not {env_id} (start it with --envs)")
        if not 0 <= request.num_envs <= MAX_NUM_ENVS:
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT,
                        f"num_envs must be between 0 and {MAX_NUM_ENVS}, got {request.num_envs}")
        kwargs = convert.from_value_map(request.kwargs)
        max_steps = request.max_episode_steps if request.HasField("max_episode_steps") else None
        atari = _is_atari(env_id) and not self.raw_atari

        def make():
            return self._make_one(env_id, kwargs, max_steps, atari)

        if request.num_envs == 0:
            env = make()
        else:
            mode = (gym.vector.AutoresetMode.SAME_STEP if request.autoreset_mode == pb.AUTORESET_MODE_SAME_STEP
                    else gym.vector.AutoresetMode.NEXT_STEP)
            env = gym.vector.SyncVectorEnv([make] * request.num_envs, autoreset_mode=mode)
        session = _Session(env, vector=request.num_envs > 0)
        try:
            response = pb.MakeEnvResponse(
                spec=self._describe(gym.registry[env_id], max_steps),
                observation_space=convert.to_space(session.observation_space),
                action_space=convert.to_space(session.action_space),
                num_envs=request.num_envs,
                wrappers=ATARI_WRAPPERS if atari else [])
        except ValueError as e:
            session.close()
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT, f"{env_id} cannot be served: {e}") from e
        response.session_id = secrets.token_hex(16)
        with self.sessions_lock:
            self.sessions[response.session_id] = session
        return response

    @staticmethod
    def _make_one(env_id, kwargs, max_steps, atari):
        options = dict(kwargs)
        if max_steps is not None:
            options["max_episode_steps"] = max_steps
        try:
            if atari:
                env = gym.make(env_id, frameskip=1, **options)
                env = gym.wrappers.AtariPreprocessing(env, noop_max=30, frame_skip=4, screen_size=84,
                                                      terminal_on_life_loss=False, grayscale_obs=True)
                return gym.wrappers.FrameStackObservation(env, 4)
            return gym.make(env_id, **options)
        except TypeError as e:  # unknown or malformed kwargs
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT, f"{env_id}: {e}") from e

    @staticmethod
    def _describe(spec, max_steps):
        described = pb.EnvSpec(id=spec.id, nondeterministic=bool(spec.nondeterministic))
        limit = spec.max_episode_steps if max_steps is None else max_steps
        if limit is not None and limit > 0:
            described.max_episode_steps = limit
        if spec.reward_threshold is not None:
            described.reward_threshold = float(spec.reward_threshold)
        return described

    def _reset(self, session, request):
        seed = request.seed if request.HasField("seed") else None
        if seed is not None and seed < 0:
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT, f"seed must be a non-negative integer, got {seed}")
        options = convert.from_value_map(request.options)
        observation, info = session.env.reset(seed=seed, options=options or None)
        if session.vector:
            infos = _split_vector_info(info, session.env.num_envs)
            return pb.ResetResponse(observation=convert.to_tensor(observation),
                                    info=pb.Value(list_value=pb.ValueList(
                                        items=[convert.to_value(i, "info") for i in infos])))
        return pb.ResetResponse(observation=convert.to_element(session.observation_space, observation),
                                info=convert.to_value(info, "info"))

    def _step(self, session, request):
        if session.vector:
            raise Abort(grpc.StatusCode.FAILED_PRECONDITION,
                        f"this session holds {session.env.num_envs} sub-envs; step them with StepBatch")
        action = _action(session.action_space, request.action, "the action")
        observation, reward, terminated, truncated, info = session.env.step(action)
        return pb.StepResponse(observation=convert.to_element(session.observation_space, observation),
                               reward=float(reward), terminated=bool(terminated), truncated=bool(truncated),
                               info=convert.to_value(info, "info"))

    def _step_batch(self, session, request):
        if not session.vector:
            raise Abort(grpc.StatusCode.FAILED_PRECONDITION,
                        "this session holds a single env; step it with Step (make it with num_envs >= 1)")
        n = session.env.num_envs
        actions = convert.from_tensor(request.actions)
        if actions.shape[:1] != (n,):
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT,
                        f"expected a batch of {n} actions along the first axis, got shape {actions.shape}")
        checked = [_action(session.action_space, convert.to_tensor(a), f"action {i}") for i, a in enumerate(actions)]
        batch = np.stack([np.asarray(a) for a in checked])
        observations, rewards, terminated, truncated, info = session.env.step(batch)
        return pb.StepBatchResponse(
            observations=convert.to_tensor(observations), rewards=[float(r) for r in rewards],
            terminated=[bool(t) for t in terminated], truncated=[bool(t) for t in truncated],
            infos=[convert.to_value(i, "info") for i in _split_vector_info(info, n)])

    # ---- plumbing ----------------------------------------------------------------------------------------------

    def _in_session(self, session_id, work):
        if not session_id:
            raise Abort(grpc.StatusCode.INVALID_ARGUMENT, "the request names no session_id; call MakeEnv first")
        with self.sessions_lock:
            session = self.sessions.get(session_id)
        if session is None:
            raise Abort(grpc.StatusCode.NOT_FOUND,
                        f"no session '{session_id}' on this server: it was closed, it sat idle past the server's "
                        "idle timeout, or it never existed; make the env again")
        with session.lock:
            if session.closed:
                raise Abort(grpc.StatusCode.NOT_FOUND, f"session '{session_id}' was closed; make the env again")
            session.last_used = time.monotonic()
            try:
                return work(session)
            finally:
                session.last_used = time.monotonic()

    @staticmethod
    def _answer(context, work):
        try:
            return work()
        except Abort as e:
            context.abort(e.code, str(e))
        except gym.error.ResetNeeded as e:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(e))
        except (gym.error.NameNotFound, gym.error.NamespaceNotFound, gym.error.VersionNotFound) as e:
            context.abort(grpc.StatusCode.NOT_FOUND, str(e))
        except ValueError as e:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(e))
        except Exception as e:  # the environment itself failed
            context.abort(grpc.StatusCode.INTERNAL, f"the environment failed: {type(e).__name__}: {e}")

    def close_idle_sessions(self, idle_seconds: float):
        now = time.monotonic()
        with self.sessions_lock:
            idle = [k for k, s in self.sessions.items() if now - s.last_used > idle_seconds and not s.lock.locked()]
            stale = [self.sessions.pop(k) for k in idle]
        for session in stale:
            session.close()

    def close_all(self):
        with self.sessions_lock:
            sessions = list(self.sessions.values())
            self.sessions.clear()
        for session in sessions:
            session.close()


def _action(space, tensor, what):
    """An action from a tensor, refused with INVALID_ARGUMENT when it does not fit the space (a Box action keeps the
    dtype it came in: float64 from samdp's Java client, as a Python caller's float64 array would)."""
    try:
        action = convert.from_element(space, tensor, what)
    except ValueError as e:
        raise Abort(grpc.StatusCode.INVALID_ARGUMENT, str(e)) from e
    if isinstance(space, gym.spaces.Discrete) and not space.start <= action < space.start + space.n:
        raise Abort(grpc.StatusCode.INVALID_ARGUMENT, f"{what} {action} is outside {space}")
    if isinstance(space, gym.spaces.Box) and np.isnan(action).any():
        raise Abort(grpc.StatusCode.INVALID_ARGUMENT, f"{what} contains NaN")
    return action


def _split_vector_info(info: dict, n: int) -> list[dict]:
    """Gymnasium's vector info (a dict of arrays, each with a "_key" mask) as one dict per sub-env."""
    per_env = [{} for _ in range(n)]
    for key, value in info.items():
        if key.startswith("_"):
            continue
        mask = info.get("_" + key)
        parts = _split_vector_info(value, n) if isinstance(value, dict) else list(value)
        for i in range(n):
            if mask is None or mask[i]:
                per_env[i][key] = parts[i]
    return per_env


def serve(host="127.0.0.1", port=DEFAULT_PORT, env_ids=None, raw_atari=False, idle_timeout=1800.0,
          tls_cert=None, tls_key=None, max_workers=16):
    """Starts a server and returns ``(server, service, bound port)``; ``server.stop(None)`` stops it."""
    have_atari = _import_atari()
    if not have_atari and any(_is_atari(i) for i in env_ids or []):
        raise SystemExit("samdp_bridge.server: Atari ids need ale-py (./samdp installs it into .venv)")
    for env_id in env_ids or []:
        if env_id not in gym.registry:
            raise SystemExit(f"samdp_bridge.server: unknown environment id '{env_id}'")
    service = GymnasiumBridge(env_ids, raw_atari)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers), options=[
        ("grpc.keepalive_time_ms", 30_000),
        ("grpc.keepalive_timeout_ms", 10_000),
        ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.max_receive_message_length", 64 << 20),
        ("grpc.max_send_message_length", 64 << 20),
    ])
    pb_grpc.add_EnvBridgeServicer_to_server(service, server)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if tls_cert:
        with open(tls_key, "rb") as key, open(tls_cert, "rb") as cert:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        bound = server.add_secure_port(address, credentials)
    else:
        bound = server.add_insecure_port(address)
    if bound == 0:
        raise SystemExit(f"samdp_bridge.server: cannot listen on {address}; choose another --port")
    server.start()

    def reap():
        while True:
            time.sleep(max(0.05, min(30.0, idle_timeout / 4)))
            service.close_idle_sessions(idle_timeout)

    threading.Thread(target=reap, name="samdp-bridge-idle-sessions", daemon=True).start()
    return server, service, bound


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m samdp_bridge.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0: any free one; default %(default)s)")
    parser.add_argument("--envs", nargs="+", metavar="ID",
                        help="serve only these ids, comma- or space-separated, as samdp's own server takes them"
                             " (default: every registered id)")
    parser.add_argument("--raw-atari", action="store_true", help="serve ALE ids without the Atari preprocessing")
    parser.add_argument("--idle-timeout", type=float, default=1800.0,
                        help="seconds a session may sit unused before it is closed (default %(default)s)")
    parser.add_argument("--tls-cert", help="PEM certificate chain: serve over TLS")
    parser.add_argument("--tls-key", help="PEM private key of --tls-cert")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("TLS needs both --tls-cert and --tls-key")
    if args.idle_timeout <= 0:
        parser.error("--idle-timeout must be positive")
    env_ids = [i for value in args.envs for i in value.split(",") if i] if args.envs else None
    server, service, port = serve(args.host, args.port, env_ids, args.raw_atari, args.idle_timeout,
                                  args.tls_cert, args.tls_key)
    scheme = "grpcs" if args.tls_cert else "grpc"
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"samdp bridge (Python, Gymnasium {gym.__version__}) serving on {scheme}://{host}:{port}", flush=True)
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(None)
        service.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
